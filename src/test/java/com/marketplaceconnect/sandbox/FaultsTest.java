package com.marketplaceconnect.sandbox;

import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    private MarketplaceSandbox sandbox;
    private SandboxTestClient client;
    private AmazonSeller seller;
    private static final String ORDER = "/orders/2026-01-01/orders/402-0000000-0000000";

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false));
        client = new SandboxTestClient(sandbox);
        seller = sandbox.amazon().addSeller("A1SELLER", "EU");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statusFaultsHitTheGivenNumberOfTimesThenNormalHandlingResumes() {
        String token = client.accessToken(seller.refreshToken());
        sandbox.faults().add(FaultRule.status("/orders/", 503, 2));
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(503);
        HttpResponse<String> second = client.get(ORDER, token);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("\"errors\"");
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(404);

        sandbox.faults().add(FaultRule.status("/orders/", 500, 1));
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(500);
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(404);

        List<RecordedCall> calls = sandbox.calls().matching("GET", "/orders/");
        assertThat(calls).extracting(RecordedCall::status).containsExactly(503, 503, 404, 500, 404);
    }

    @Test
    void aBodyRuleAnswersOnceWithTheGivenStatusAndBodyThenNormalHandlingResumes() {
        String token = client.accessToken(seller.refreshToken());
        sandbox.faults().add(FaultRule.body("/orders/", 200, "{\"orderId\":null,\"surprise\":true}"));
        HttpResponse<String> custom = client.get(ORDER, token);
        assertThat(custom.statusCode()).isEqualTo(200);
        assertThat(custom.body()).isEqualTo("{\"orderId\":null,\"surprise\":true}");
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> new FaultRule(null, "/orders/", FaultKind.CUSTOM_BODY, 1, 1.0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throttleMalformedAndEveryTimeRules() {
        sandbox.faults().add(FaultRule.throttle("/auth/o2/token", 1));
        HttpResponse<String> throttled = client.refresh(seller.refreshToken());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("QuotaExceeded");

        sandbox.faults().add(FaultRule.malformedJson("/auth/o2/token", -1));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.refresh(seller.refreshToken());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> SandboxTestClient.JSON.readTree(r.body())).isInstanceOf(Exception.class);
        }
        sandbox.faults().clear();
        assertThat(client.refresh(seller.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void slowFaultDelaysThenAnswersNormally() {
        sandbox.faults().add(FaultRule.slow("/auth/", Duration.ofMillis(300), 1));
        long start = System.nanoTime();
        assertThat(client.refresh(seller.refreshToken()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void closeConnectionDropsTheRequest() {
        sandbox.faults().add(FaultRule.closeConnection("/auth/", 1).withMethod("POST"));
        assertThatThrownBy(() -> client.refresh(seller.refreshToken())).isInstanceOf(UncheckedIOException.class);
        assertThat(client.refresh(seller.refreshToken()).statusCode()).isEqualTo(200);
        assertThat(sandbox.calls().matching("POST", "/auth/").get(0).status()).isZero();
    }

    @Test
    void randomFaultsHitAboutTheirProbability() {
        String token = client.accessToken(seller.refreshToken());
        sandbox.faults().add(FaultRule.randomly("/orders/", FaultKind.HTTP_500, 0.3));
        int failures = 0;
        for (int i = 0; i < 200; i++) if (client.get(ORDER, token).statusCode() == 500) failures++;
        assertThat(failures).isBetween(30, 90);
    }

    @Test
    void rulesOnlyMatchTheirMethodAndPrefix() {
        String token = client.accessToken(seller.refreshToken());
        sandbox.faults().add(FaultRule.status("/orders/v0/", 500, -1));
        sandbox.faults().add(FaultRule.status("/orders/", 503, -1).withMethod("POST"));
        assertThat(client.get(ORDER, token).statusCode()).isEqualTo(404);
        assertThat(client.postJson("/orders/v0/orders/402-0000000-0000000/shipmentConfirmation", token, "{}").statusCode())
                .isEqualTo(500);
    }
}
