package com.marketplaceconnect.reliability;

import com.marketplaceconnect.sandbox.FaultKind;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WooCommerce under faults: about 20% of the store's answers are 500, 503, 429, cut-off JSON or a dropped connection.
 * The reconciliation stores every order exactly once (a run may fail; the next one picks the window up again), and
 * every tracking push ends PUSHED once or DEAD/FAILED with a reason, never pushed twice for one successful answer.
 */
class WooCommerceFaultsTest extends IntegrationTest {
    private static final FaultKind[] KINDS = {FaultKind.HTTP_500, FaultKind.HTTP_503, FaultKind.THROTTLE_429,
            FaultKind.MALFORMED_JSON, FaultKind.CLOSE_CONNECTION};

    @AfterEach
    void clear() {
        SANDBOX.faults().clear();
    }

    private static void twentyPercentFaults(String prefix) {
        for (FaultKind kind : KINDS) {
            SANDBOX.faults().add(FaultRule.randomly(prefix, kind, 0.045));
        }
    }

    private long connect(WooStore store) {
        WooStore.Key key = store.createKey("read_write");
        var r = new Api(baseUrl()).post("/api/accounts/woocommerce", Map.of("storeUrl", store.url(), "consumerKey", key.consumerKey(),
                "consumerSecret", key.consumerSecret()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private List<String> syncUntilSucceeded(long accountId, int maxRuns) {
        List<String> outcomes = new ArrayList<>();
        Api api = new Api(baseUrl());
        for (int i = 0; i < maxRuns; i++) {
            var r = api.post("/api/accounts/" + accountId + "/sync", Map.of());
            if (r.status() != 202) continue;
            long runId = r.json().get("runId").asLong();
            await().atMost(Duration.ofSeconds(90)).until(() -> !"RUNNING".equals(
                    jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
            String status = jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId);
            outcomes.add(status);
            if (status.equals("SUCCEEDED")) return outcomes;
        }
        throw new AssertionError("no successful run in " + maxRuns + ": " + outcomes);
    }

    @Test
    void aReconciliationUnderTwentyPercentFaultsStoresEveryOrderExactlyOnce() {
        WooStore store = SANDBOX.woocommerce().createStore("faults-" + UUID.randomUUID().toString().substring(0, 8), false);
        store.seedOrders(200, CLOCK.instant().minus(Duration.ofDays(25)), CLOCK.instant().minus(Duration.ofMinutes(5)), 5);
        long accountId = connect(store);
        int before = SANDBOX.calls().size();
        twentyPercentFaults("/woocommerce/" + store.name() + "/wp-json/");
        List<String> runs = syncUntilSucceeded(accountId, 12);
        SANDBOX.faults().clear();
        List<String> stored = jdbc.queryForList("select marketplace_order_id from orders where account_id = ?", String.class, accountId);
        Set<String> truth = new HashSet<>();
        store.orderIds().forEach(id -> truth.add(String.valueOf(id)));
        assertThat(new HashSet<>(stored)).isEqualTo(truth);
        assertThat(stored).hasSize(truth.size());
        var calls = SANDBOX.calls().all();
        long failed = calls.subList(Math.min(before, calls.size()), calls.size()).stream()
                .filter(c -> c.path().startsWith("/woocommerce/" + store.name()) && (c.status() == 0 || c.status() >= 429)).count();
        System.out.printf("RELIABILITY woocommerce-sync-faults orders=%d runs=%s failedCalls=%d%n", truth.size(), runs, failed);
    }

    @Test
    void pushesUnderTwentyPercentFaultsEndPushedOnceOrSettledWithAReason() {
        WooStore store = SANDBOX.woocommerce().createStore("faults-" + UUID.randomUUID().toString().substring(0, 8), false);
        store.seedOrders(60, CLOCK.instant().minus(Duration.ofDays(3)), CLOCK.instant().minus(Duration.ofMinutes(5)), 6);
        long accountId = connect(store);
        syncUntilSucceeded(accountId, 2);
        List<Long> open = store.orderIds().stream().filter(id -> "processing".equals(store.order(id).get("status").asText())).limit(15).toList();
        assertThat(open).hasSizeGreaterThanOrEqualTo(10);
        twentyPercentFaults("/woocommerce/" + store.name() + "/wp-json/wc/v3/orders/");
        Api api = new Api(baseUrl());
        List<String> eventIds = new ArrayList<>();
        for (long order : open) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("eventId", "wc-fault-" + UUID.randomUUID());
            e.put("accountId", accountId);
            e.put("marketplaceOrderId", String.valueOf(order));
            e.put("carrierCode", "DHL");
            e.put("trackingNumber", "JD" + order);
            e.put("shipDate", "2026-11-05T10:00:00Z");
            assertThat(api.post("/api/shipments", e).status()).isEqualTo(202);
            eventIds.add((String) e.get("eventId"));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> eventIds.stream().allMatch(id -> List.of("PUSHED", "DEAD", "FAILED")
                .contains(jdbc.queryForObject("select state from shipment_event where event_id = ?", String.class, id))));
        SANDBOX.faults().clear();
        int pushed = 0, dead = 0, failed = 0, repeated = 0;
        for (int i = 0; i < open.size(); i++) {
            Map<String, Object> row = jdbc.queryForMap("select state, last_error from shipment_event where event_id = ?", eventIds.get(i));
            String state = (String) row.get("state");
            int notes = store.notes(open.get(i)).size();
            if (state.equals("PUSHED")) {
                pushed++;
                assertThat(notes).as("a pushed event's note").isGreaterThanOrEqualTo(1);
            } else {
                assertThat(row.get("last_error")).as("a reason").isNotNull();
                if (state.equals("DEAD")) dead++; else failed++;
            }
            repeated += Math.max(0, notes - 1);
        }
        System.out.printf("RELIABILITY woocommerce-push-faults events=%d pushed=%d dead=%d failed=%d repeatedNotes(at-least-once)=%d%n",
                open.size(), pushed, dead, failed, repeated);
        assertThat(pushed + dead + failed).isEqualTo(open.size());
        assertThat(pushed).isGreaterThan(0);
    }
}
