package com.marketplaceconnect.sandbox.amazon;

import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.SandboxTestClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static com.marketplaceconnect.sandbox.SandboxTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private static final String SEARCH = "/orders/2026-01-01/orders"
            + query("marketplaceIds", "A21TJRUUN4KGV", "createdAfter", "2026-01-01T00:00:00Z");

    @Test
    void searchOrdersAllowsBurstOf20ThenQuotaExceededUntilRefilled() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock))) {
            SandboxTestClient client = new SandboxTestClient(sandbox);
            String token = client.accessToken(sandbox.amazon().addSeller("A1SELLER", "EU").refreshToken());
            for (int i = 0; i < 20; i++) assertThat(client.get(SEARCH, token).statusCode()).as("call %d", i).isEqualTo(200);

            HttpResponse<String> throttled = client.get(SEARCH, token);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.body()).isEqualTo("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your "
                    + "quota for the requested resource.\",\"details\":\"\"}]}");
            assertThat(throttled.headers().firstValue("x-amzn-RateLimit-Limit")).isEmpty();
            assertThat(throttled.headers().firstValue("x-amzn-RequestId")).isPresent();

            // another operation and another seller have their own buckets
            assertThat(client.get("/orders/2026-01-01/orders/402-0000000-0000000", token).statusCode()).isEqualTo(404);
            String other = client.accessToken(sandbox.amazon().addSeller("A2OTHER", "EU").refreshToken());
            assertThat(client.get(SEARCH, other).statusCode()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(170)); // one token takes 1/0.0056 s = 178.6 s
            assertThat(client.get(SEARCH, token).statusCode()).isEqualTo(429);
            clock.advance(Duration.ofSeconds(9));
            assertThat(client.get(SEARCH, token).statusCode()).isEqualTo(200);
            assertThat(client.get(SEARCH, token).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void timeFactorSpeedsUpTheRefill() throws Exception {
        // getOrder: 0.5/s burst 30; with factor 20 a token comes back every 100 ms of real time
        try (MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withTimeFactor(20))) {
            SandboxTestClient client = new SandboxTestClient(sandbox);
            String token = client.accessToken(sandbox.amazon().addSeller("A1SELLER", "EU").refreshToken());
            String path = "/orders/2026-01-01/orders/402-0000000-0000000";
            int throttled = 0;
            for (int i = 0; i < 500 && throttled == 0; i++) {
                if (client.get(path, token).statusCode() == 429) throttled++;
            }
            assertThat(throttled).isEqualTo(1);
            Thread.sleep(300);
            assertThat(client.get(path, token).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void confirmShipmentAllowsBurstOf10AndLimitsCanBeTurnedOff() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock))) {
            SandboxTestClient client = new SandboxTestClient(sandbox);
            String token = client.accessToken(sandbox.amazon().addSeller("A1SELLER", "EU").refreshToken());
            String path = "/orders/v0/orders/402-0000000-0000000/shipmentConfirmation";
            for (int i = 0; i < 10; i++) assertThat(client.postJson(path, token, "{}").statusCode()).isEqualTo(404);
            assertThat(client.postJson(path, token, "{}").statusCode()).isEqualTo(429);
            clock.advance(Duration.ofMillis(500));
            assertThat(client.postJson(path, token, "{}").statusCode()).isEqualTo(404);
        }
        try (MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false))) {
            SandboxTestClient client = new SandboxTestClient(sandbox);
            String token = client.accessToken(sandbox.amazon().addSeller("A1SELLER", "EU").refreshToken());
            for (int i = 0; i < 40; i++) assertThat(client.get(SEARCH, token).statusCode()).isEqualTo(200);
        }
    }
}
