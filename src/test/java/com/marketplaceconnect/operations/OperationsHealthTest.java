package com.marketplaceconnect.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Health: probes that only the process and the database can fail, and the marketplaces group an operator alarms on. */
class OperationsHealthTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AccountRepository accounts;

    private Operator operator() {
        return new Operator(baseUrl());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private long account(AccountStatus status) {
        long id = accounts.connect("AMAZON", "EU", "AHEALTH" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                null, Map.of("refreshToken", "Atzr|health-test"), Map.of("IN", "A21TJRUUN4KGV"));
        if (status != AccountStatus.CONNECTED) {
            accounts.markStatus(id, status, "set by " + getClass().getSimpleName());
        }
        return id;
    }

    @Test
    void anAccountNeedingReauthorizationDegradesTheMarketplacesButNeitherLivenessNorReadiness() throws Exception {
        long needsReauth = account(AccountStatus.NEEDS_REAUTH);
        long inError = account(AccountStatus.ERROR);
        long fine = account(AccountStatus.CONNECTED);
        Operator op = operator();

        HttpResponse<String> marketplaces = op.get("/actuator/health/marketplaces");
        assertThat(marketplaces.statusCode()).as(marketplaces.body()).isEqualTo(200);
        JsonNode accountsHealth = json(marketplaces).at("/components/accounts");
        assertThat(accountsHealth.get("status").asText()).isEqualTo("DEGRADED");
        List<Long> ids = new ArrayList<>();
        accountsHealth.at("/details/needsReauthorization").forEach(n -> ids.add(n.asLong()));
        assertThat(ids).contains(needsReauth).doesNotContain(inError, fine);
        List<Long> errorIds = new ArrayList<>();
        accountsHealth.at("/details/inError").forEach(n -> errorIds.add(n.asLong()));
        assertThat(errorIds).contains(inError).doesNotContain(needsReauth, fine);
        JsonNode counts = accountsHealth.at("/details/counts");
        assertThat(counts.get("NEEDS_REAUTH").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(counts.get("CONNECTED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(counts.get("ERROR").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(counts.get("NEEDS_REAUTH").asInt()).isEqualTo(
                jdbc.queryForObject("select count(*) from seller_account where status = 'NEEDS_REAUTH'", Integer.class));
        // The Amazon app's own credentials are watched in the same group.
        assertThat(json(marketplaces).at("/components/amazonApp/status").asText()).isEqualTo("UP");

        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = op.getAnonymously(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json(response).get("status").asText()).as(probe).isEqualTo("UP");
            // Neither probe looks at the marketplaces: a seller's revoked consent or a secret to rotate restarts nothing.
            String withDetails = op.get(probe).body();
            assertThat(withDetails).as(probe).doesNotContain("accounts").doesNotContain("amazonApp").doesNotContain("kafka");
        }
        assertThat(op.get("/actuator/health/readiness").body()).contains("\"db\"", "readinessState");
        assertThat(op.get("/actuator/health/liveness").body()).contains("livenessState");

        // Anonymous callers see the status only: no account ids.
        HttpResponse<String> anonymous = op.getAnonymously("/actuator/health/marketplaces");
        assertThat(anonymous.body()).doesNotContain("needsReauthorization").doesNotContain(String.valueOf(needsReauth));
        assertThat(op.getAnonymously("/actuator/health").body()).doesNotContain("needsReauthorization");
        // The whole health shows the account problem, and it is not an outage.
        HttpResponse<String> all = op.get("/actuator/health");
        assertThat(json(all).at("/components/accounts/status").asText()).isEqualTo("DEGRADED");
    }

    @Autowired
    org.springframework.boot.actuate.health.HttpCodeStatusMapper statusMapper;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void eachStatusAnswersItsHttpCode() {
        assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.UP)).isEqualTo(200);
        assertThat(statusMapper.getStatusCode(com.marketplaceconnect.operations.AccountsHealthIndicator.DEGRADED)).isEqualTo(200);
        assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.DOWN)).isEqualTo(503);
        assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE)).isEqualTo(503);
    }

    @Test
    void readinessRefusingTrafficAnswers503AndComesBack() throws Exception {
        Operator op = operator();
        org.springframework.boot.availability.AvailabilityChangeEvent.publish(context,
                org.springframework.boot.availability.ReadinessState.REFUSING_TRAFFIC);
        try {
            HttpResponse<String> refusing = op.getAnonymously("/actuator/health/readiness");
            assertThat(refusing.statusCode()).as(refusing.body()).isEqualTo(503);
            assertThat(json(refusing).get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        } finally {
            org.springframework.boot.availability.AvailabilityChangeEvent.publish(context,
                    org.springframework.boot.availability.ReadinessState.ACCEPTING_TRAFFIC);
        }
        HttpResponse<String> back = op.getAnonymously("/actuator/health/readiness");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
}
