package com.marketplaceconnect.local;

import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.logging.Redaction;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's banner: the development key in clear, a configured one never; the database without a password. */
class LocalBannerTest {

    @Test
    void showsTheDevelopmentKeyTheDatabaseKafkaAndEveryUrlAndSurvivesTheLogRedaction() {
        MockEnvironment env = new MockEnvironment().withProperty("api.keys", "local-dev-api-key")
                .withProperty("operations.password", "local-operator");
        String text = LocalBanner.text(new LocalBanner.Facts("8080", LocalBanner.apiKey(env), LocalBanner.operatorLogin(env),
                LocalBanner.withoutPassword("jdbc:postgresql://localhost:45721/postgres?user=postgres"), "localhost:44125",
                "http://127.0.0.1:8089", List.of(new SellerAccount(1, "AMAZON", "EU", "A3DEMOSELLER1IN", "demo-seller",
                AccountStatus.CONNECTED, null, List.of("IN", "UK"), null, null, null, null)), "0/30 * * * * ?", "15/30 * * * * ?"));
        // It goes through the logger, whose redaction must leave it whole.
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(text).contains("API key        local-dev-api-key")
                .contains("http://localhost:8080/swagger-ui.html").contains("http://localhost:8080/actuator/hawtio")
                .contains("operator / local-operator")
                .contains("Database       jdbc:postgresql://localhost:45721/postgres?user=postgres")
                .contains("Kafka          localhost:44125").contains("Sandbox        http://127.0.0.1:8089")
                .contains("1  AMAZON A3DEMOSELLER1IN (demo-seller), CONNECTED");
    }

    @Test
    void aConfiguredKeyOrPasswordIsNotShown() {
        MockEnvironment env = new MockEnvironment().withProperty("api.keys", "s3cr3t-key,other")
                .withProperty("operations.password", "hunter2");
        assertThat(LocalBanner.apiKey(env)).doesNotContain("s3cr3t").contains("the API_KEYS you set");
        assertThat(LocalBanner.operatorLogin(env)).doesNotContain("hunter2");
        assertThat(LocalBanner.apiKey(new MockEnvironment())).startsWith("none");
    }

    @Test
    void theDatabaseUrlLosesItsPassword() {
        assertThat(LocalBanner.withoutPassword("jdbc:postgresql://db:5432/mc?user=mc&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/mc?user=mc&ssl=true");
        assertThat(LocalBanner.withoutPassword("jdbc:postgresql://db/mc?password=pw&user=mc")).isEqualTo("jdbc:postgresql://db/mc?user=mc");
        assertThat(LocalBanner.withoutPassword("jdbc:postgresql://db/mc?user=mc&PASSWORD=pw")).isEqualTo("jdbc:postgresql://db/mc?user=mc");
        assertThat(LocalBanner.withoutPassword("jdbc:postgresql://mc:pw@db/mc")).isEqualTo("jdbc:postgresql://mc@db/mc");
        assertThat(LocalBanner.withoutPassword("jdbc:postgresql://db/mc")).isEqualTo("jdbc:postgresql://db/mc");
    }
}
