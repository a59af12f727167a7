package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.amazon.AmazonMarketplace;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Helpers of the reliability tests: sellers of their own, syncs, events, Kafka, and the secret scan. */
abstract class ReliabilityTestSupport extends IntegrationTest {
    static final String IN = AmazonMarketplace.IN.marketplaceId();
    static final String EVENTS = SHIPMENT_EVENTS;
    static final String DLT = "shipments.events.dlt";
    static final ObjectMapper JSON = new ObjectMapper();

    private Api api;

    record Amazon(long accountId, AmazonSeller seller) {
        String spid() {
            return seller.sellingPartnerId();
        }
    }

    record Flipkart(long accountId, FlipkartSeller seller) {
        String sellerId() {
            return seller.sellerId();
        }
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    Api api() {
        if (api == null) api = new Api(baseUrl());
        return api;
    }

    static String randomId(String prefix, int length) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    /** A new Amazon seller (EU, India) with {@code orders} orders over the last 29 days, connected, not synced. */
    Amazon connectAmazon(int orders) {
        return connectAmazon(orders, Duration.ofDays(29));
    }

    /** The same, the orders spread over the last {@code span} (recent orders are mostly still unshipped). */
    Amazon connectAmazon(int orders, Duration span) {
        String spid = randomId("A", 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        if (orders > 0) {
            SANDBOX.amazon().generateOrders(spid, IN, orders, now.minus(span), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        }
        var r = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Amazon(r.json().get("id").asLong(), seller);
    }

    /** A new Flipkart seller with {@code shipments} shipments over the last 29 days, connected, not synced. */
    Flipkart connectFlipkart(int shipments) {
        String sellerId = randomId("fk", 14);
        FlipkartSeller seller = SANDBOX.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        SANDBOX.flipkart().generateShipments(sellerId, shipments, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), sellerId.hashCode());
        var r = api().post("/api/accounts/flipkart", Map.of("sellerId", sellerId, "applicationId", seller.appId(),
                "applicationSecret", seller.appSecret()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Flipkart(r.json().get("id").asLong(), seller);
    }

    /** Starts a sync of the account and waits until it ends; returns the run's row. */
    Map<String, Object> syncNow(long accountId) {
        // The test clock stands still unless moved: a minute before each run (in production runs are 15 minutes
        // apart) lets the sandbox's rate-limit buckets refill after the retries of an earlier run drained them.
        CLOCK.advance(Duration.ofMinutes(1));
        var r = api().post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long runId = r.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(run(runId).get("status")));
        return run(runId);
    }

    Map<String, Object> run(long runId) {
        return jdbc.queryForMap("select * from sync_run where id = ?", runId);
    }

    /** Syncs until a run succeeds (at most {@code maxRuns}); returns every run's row. */
    List<Map<String, Object>> syncUntilSucceeded(long accountId, int maxRuns) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < maxRuns; i++) {
            Map<String, Object> run = syncNow(accountId);
            runs.add(run);
            if ("SUCCEEDED".equals(run.get("status"))) return runs;
            assertThat(run.get("error")).as("a failed run says why").isNotNull();
        }
        throw new AssertionError("no successful sync in " + maxRuns + " runs: " + runs);
    }

    List<String> storedOrderIds(long accountId) {
        return jdbc.queryForList("select marketplace_order_id from orders where account_id = ?", String.class, accountId);
    }

    /** Every order of the sandbox's seller is stored exactly once, and nothing else. */
    void assertEveryOrderOnce(long accountId, Set<String> expected) {
        List<String> stored = storedOrderIds(accountId);
        assertThat(new HashSet<>(stored)).as("orders stored").isEqualTo(expected);
        assertThat(stored).as("no order twice").hasSize(expected.size());
    }

    // --- Shipment events ------------------------------------------------------------------------------------------

    /** A valid event for the order (every item), with its own eventId. */
    static Map<String, Object> event(long accountId, String orderId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "evt-" + UUID.randomUUID());
        e.put("accountId", accountId);
        e.put("marketplaceOrderId", orderId);
        e.put("carrierCode", "BLUEDART");
        e.put("carrierName", "Blue Dart");
        e.put("trackingNumber", "BD" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        e.put("shipDate", "2026-11-05T14:30:00+05:30");
        return e;
    }

    /** Unshipped, seller-fulfilled orders of the account. */
    List<String> unshippedOrders(long accountId) {
        return jdbc.queryForList("""
                select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' and fulfilled_by = 'SELLER'
                 order by id""", String.class, accountId);
    }

    String stateOf(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }





    // --- Secrets --------------------------------------------------------------------------------------------------

    /** Every secret the sandbox has issued so far (refresh and access tokens, codes, Flipkart app secrets and tokens), the
     * app's LWA client secret and the API key. */
    static Set<String> everySecret() {
        Set<String> secrets = new HashSet<>();
        secrets.addAll(SANDBOX.amazon().issuedSecrets());
        secrets.addAll(SANDBOX.flipkart().issuedSecrets());
        secrets.add("sandbox-lwa-secret");
        secrets.add(Api.KEY);
        secrets.add("test-operator-password");
        secrets.removeIf(s -> s == null || s.length() < 8);
        return secrets;
    }

    /** No secret in any of the texts (log output, API responses); names the kind of text, never the secret. */
    static void assertNoSecretIn(String what, String... texts) {
        Set<String> secrets = everySecret();
        assertThat(secrets).as("the sandbox issued secrets to look for").isNotEmpty();
        for (String text : texts) {
            if (text == null) continue;
            long leaked = secrets.stream().filter(text::contains).count();
            assertThat(leaked).as("secrets found in " + what + " (of " + secrets.size() + " issued)").isZero();
        }
    }
}
