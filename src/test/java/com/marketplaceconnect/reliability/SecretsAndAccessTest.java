package com.marketplaceconnect.reliability;

import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One full flow of everything a seller and an operator do (Amazon by website authorization and by refresh token,
 * Flipkart by app credentials, syncs, a shipment pushed, every read API), then: no secret the sandbox ever issued in
 * the log output or any response, none in clear in any table; the admin API and the actuator refuse calls without
 * credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAndAccessTest extends ReliabilityTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aFullFlowLeavesNoSecretInLogsResponsesOrTables(CapturedOutput output) {
        List<String> bodies = new ArrayList<>();
        // Amazon through the consent page (codes, refresh and access tokens are issued), and by refresh token.
        SANDBOX.amazon().setRedirectUri(baseUrl() + "/connect/amazon/callback");
        SANDBOX.amazon().setAppDraft(true);
        String spid = randomId("A", 12).toUpperCase();
        SANDBOX.amazon().addSeller(spid, "EU");
        SANDBOX.amazon().generateOrders(spid, IN, 20, CLOCK.instant().minus(Duration.ofDays(2)), CLOCK.instant().minus(Duration.ofMinutes(5)), 7);
        var consent = api().post("/api/connect/amazon", Map.of("marketplace", "IN", "sellerReference", "full-flow"));
        bodies.add(consent.body());
        Browser browser = new Browser();
        Browser.Page page = browser.get(consent.json().get("consentUrl").asText());
        Browser.Page end = browser.submit(page, Map.of("selling_partner_id", spid, "decision", "authorize"));
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        bodies.add(end.body());
        long oauthAccount = jdbc.queryForObject("select id from seller_account where external_account_id = ?", Long.class, spid);
        Amazon byToken = connectAmazon(60, Duration.ofDays(2));
        Flipkart flipkart = connectFlipkart(20);
        for (long id : List.of(oauthAccount, byToken.accountId(), flipkart.accountId())) {
            assertThat(syncNow(id).get("status")).isEqualTo("SUCCEEDED");
        }
        // A shipment pushed (an access token is used for it).
        String orderId = unshippedOrders(byToken.accountId()).get(0);
        Map<String, Object> e = event(byToken.accountId(), orderId);
        bodies.add(api().post("/api/shipments", json(e)).body());
        await().atMost(Duration.ofSeconds(60)).until(() -> "PUSHED".equals(stateOf((String) e.get("eventId"))));
        // Every read API.
        for (String path : List.of("/api/accounts", "/api/accounts/" + oauthAccount, "/api/accounts/" + byToken.accountId(),
                "/api/accounts/" + flipkart.accountId(), "/api/accounts/" + byToken.accountId() + "/sync-runs",
                "/api/accounts/" + flipkart.accountId() + "/sync-runs", "/api/accounts/" + byToken.accountId() + "/marketplaces",
                "/api/shipments/" + e.get("eventId"), "/api/shipments?limit=200", "/actuator/health", "/v3/api-docs")) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            bodies.add(r.body());
        }
        // A failed connect answers without echoing the secret it was given.
        var refused = api().post("/api/accounts/flipkart", Map.of("sellerId", flipkart.sellerId(), "applicationId",
                flipkart.seller().appId(), "applicationSecret", flipkart.seller().appSecret() + "-wrong"));
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).doesNotContain(flipkart.seller().appSecret());

        assertThat(everySecret()).hasSizeGreaterThan(5);
        assertNoSecretIn("API responses", bodies.toArray(String[]::new));
        assertNoSecretIn("log output", output.getAll());
        assertNoSecretInAnyTable();
    }

    /** Every row of every table as text (bytea as hex): no secret, neither as text nor as its bytes. */
    private void assertNoSecretInAnyTable() {
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("seller_account", "orders", "shipment_event", "oauth_state", "sync_run");
        Set<String> secrets = everySecret();
        int rows = 0;
        for (String table : tables) {
            for (String row : jdbc.queryForList("select t::text from \"" + table.replace("\"", "\"\"") + "\" t", String.class)) {
                rows++;
                String lower = row.toLowerCase();
                for (String secret : secrets) {
                    assertThat(row.contains(secret) || lower.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)))
                            || row.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                            .as("a secret in clear in table " + table).isFalse();
                }
            }
        }
        System.out.printf("RELIABILITY db-secret-scan tables=%d rows=%d secrets=%d found=0%n", tables.size(), rows, secrets.size());
    }

    private int status(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (authorization != null) b.header("Authorization", authorization);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAdminApiAndTheActuatorRefuseCallsWithoutCredentials() {
        for (String path : List.of("/api/accounts", "/api/accounts/1", "/api/shipments", "/api/shipments/x")) {
            assertThat(status(path, null)).as(path).isEqualTo(401);
            assertThat(status(path, "Bearer not-the-key")).as(path).isEqualTo(401);
            assertThat(status(path, "Bearer ")).as(path).isEqualTo(401);
            assertThat(status(path, basic("operator", "test-operator-password"))).as(path + " with operator login").isEqualTo(401);
        }
        assertThat(api().postWithoutKey("/api/accounts/amazon", Map.of()).status()).isEqualTo(401);
        assertThat(api().postWithoutKey("/api/shipments", "{}").status()).isEqualTo(401);
        assertThat(api().postWithoutKey("/api/connect/amazon", Map.of("region", "EU")).status()).isEqualTo(401);
        for (String path : List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/env", "/actuator/beans",
                "/actuator/configprops", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/actuator/mappings",
                "/actuator/hawtio/", "/actuator/jolokia", "/actuator/jolokia/list", "/actuator/jolokia/read/java.lang:type=Memory")) {
            assertThat(status(path, null)).as(path).isIn(401, 404);
            assertThat(status(path, basic("operator", "wrong"))).as(path).isIn(401, 404);
            assertThat(status(path, "Bearer " + Api.KEY)).as(path + " with the API key").isIn(401, 403, 404);
        }
        assertThat(status("/actuator/metrics", basic("operator", "test-operator-password"))).isEqualTo(200);
        // Health is public, without details.
        Api.Response health = api().getWithoutKey("/actuator/health");
        assertThat(health.status()).isIn(200, 503);
        assertThat(health.json().has("components")).isFalse();
    }
}
