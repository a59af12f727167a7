package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders from a WooCommerce store: the reconciliation's walk, webhooks as they come, statuses and cancellations. */
class WooCommerceOrderSyncTest extends WooCommerceTestSupport {

    @Test
    void connectCreatesTheStoresOrderWebhooksAndTheFirstSyncStoresEveryOrderOfThirtyDays() {
        WooStore store = newStore(false);
        Instant now = CLOCK.instant();
        long old = store.addOrder("processing", now.minus(Duration.ofDays(40)), List.of(new WooStore.Line("OLD", "Old", 1, "5.00")));
        long accountId = connect(store, 45);

        // The three order webhooks, delivering to this account's door, each with a secret of its own account.
        List<JsonNode> webhooks = List.copyOf(store.webhooks());
        assertThat(webhooks).extracting(w -> w.get("topic").asText())
                .containsExactlyInAnyOrder("order.created", "order.updated", "order.deleted");
        assertThat(webhooks).allSatisfy(w -> {
            assertThat(w.get("status").asText()).isEqualTo("active");
            assertThat(w.get("delivery_url").asText()).endsWith("/webhooks/woocommerce/" + accountId);
        });
        assertThat(webhooks.stream().map(w -> w.get("secret").asText()).distinct()).hasSize(1);

        syncSucceeded(accountId);
        List<String> expected = storeOrderIds(store).stream().filter(id -> !id.equals(String.valueOf(old))).toList();
        assertThat(orderIds(accountId)).containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForObject("select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                Integer.class, accountId)).isEqualTo(expected.stream().mapToInt(id -> store.order(Long.parseLong(id)).get("line_items").size()).sum());

        // The documented query: the window in GMT, oldest change first, pages of woocommerce.sync.page-size (20 here).
        // (The connect's own test call, ?per_page=1, left out.)
        List<RecordedCall> calls = SANDBOX.calls().matching("GET", "/woocommerce/" + store.name() + "/wp-json/wc/v3/orders")
                .stream().filter(c -> c.queryParam("modified_after") != null).toList();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(3);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.queryParam("dates_are_gmt")).isEqualTo("true");
            assertThat(c.queryParam("orderby")).isEqualTo("modified");
            assertThat(c.queryParam("order")).isEqualTo("asc");
            assertThat(c.queryParam("per_page")).isEqualTo("20");
            assertThat(c.header("Authorization")).startsWith("Basic ");
        });
        Instant firstAfter = java.time.LocalDateTime.parse(calls.get(0).queryParam("modified_after")).toInstant(java.time.ZoneOffset.UTC);
        assertThat(Duration.between(firstAfter, now)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30).plusMinutes(1));

        // One row per order, with the raw JSON as the store answered it.
        JsonNode raw = readRaw(accountId, expected.get(0));
        assertThat(raw.get("id").asText()).isEqualTo(expected.get(0));
        assertThat(raw.has("line_items")).isTrue();
    }

    @Test
    void statusChangesAndCancellationsArriveByWebhookWithinSeconds() {
        WooStore store = newStore(false);
        long accountId = connect(store, 5);
        syncSucceeded(accountId);
        long order = store.orderIds().get(0);
        store.setStatus(order, "on-hold");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ON_HOLD".equals(status(accountId, order)));
        store.setStatus(order, "processing");
        await().atMost(Duration.ofSeconds(20)).until(() -> "UNSHIPPED".equals(status(accountId, order)));
        store.cancel(order);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(status(accountId, order)));
        assertThat(marketplaceStatus(accountId, order)).isEqualTo("cancelled");

        // A new order by order.created; a trashed one by order.deleted ({"id": n} only): CANCELLED, status trash.
        long fresh = store.addOrder("processing", CLOCK.instant(), List.of(new WooStore.Line("NEW-1", "New", 3, "7.50")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "UNSHIPPED".equals(status(accountId, fresh)));
        long trashed = store.orderIds().get(1);
        store.trash(trashed);
        await().atMost(Duration.ofSeconds(20)).until(() -> "trash".equals(marketplaceStatus(accountId, trashed)));
        assertThat(status(accountId, trashed)).isEqualTo("CANCELLED");
        assertThat(store.deliveries()).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }

    @Test
    void aThrottledOrUnavailableStoreIsRetriedWithBackoffAndTheRunStillSucceeds() {
        WooStore store = newStore(false);
        long accountId = connect(store, 30);
        String prefix = "/woocommerce/" + store.name() + "/wp-json/wc/v3/orders";
        SANDBOX.faults().add(FaultRule.status(prefix, 429, 1));
        SANDBOX.faults().add(FaultRule.status(prefix, 503, 1).afterMatching(1));
        long runId = syncNow(accountId);
        assertThat(runStatus(runId)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("select throttled_responses from sync_run where id = ?", Integer.class, runId)).isEqualTo(1);
        assertThat(orderIds(accountId)).containsExactlyElementsOf(storeOrderIds(store));
        assertThat(SANDBOX.calls().matching("GET", prefix).stream().filter(c -> c.status() >= 400).count()).isEqualTo(2);
    }

    @Test
    void revokedKeysStopTheSyncWithNeedsReauth() {
        WooStore store = newStore(false);
        long accountId = connect(store, 3);
        store.keys().forEach(k -> store.revokeKey(k.consumerKey()));
        long runId = syncNow(accountId);
        assertThat(runStatus(runId)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, accountId)).isEqualTo("NEEDS_REAUTH");
    }

    private JsonNode readRaw(long accountId, String orderId) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(jdbc.queryForObject(
                    "select raw::text from orders where account_id = ? and marketplace_order_id = ?", String.class, accountId, orderId));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
