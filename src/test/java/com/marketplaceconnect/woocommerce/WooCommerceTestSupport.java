package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WooCommerce tests: a fresh sandbox store per test, connected by its keys, and the usual look-ups. */
abstract class WooCommerceTestSupport extends IntegrationTest {
    Api api;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    Api api() {
        if (api == null) api = new Api(baseUrl());
        return api;
    }

    static WooStore newStore(boolean shipmentTracking) {
        return SANDBOX.woocommerce().createStore("s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), shipmentTracking);
    }

    /** A store with {@code orders} orders of the last 29 days, connected by a read_write key; returns the account id. */
    long connect(WooStore store, int orders) {
        Instant now = CLOCK.instant();
        if (orders > 0) store.seedOrders(orders, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), store.name().hashCode());
        WooStore.Key key = store.createKey("read_write");
        var response = api().post("/api/accounts/woocommerce", Map.of("storeUrl", store.url(), "consumerKey", key.consumerKey(),
                "consumerSecret", key.consumerSecret(), "sellerReference", "seller-" + store.name()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    long syncNow(long accountId) {
        var response = api().post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(runStatus(runId)));
        return runId;
    }

    void syncSucceeded(long accountId) {
        long runId = syncNow(accountId);
        assertThat(runStatus(runId)).as(String.valueOf(jdbc.queryForObject("select error from sync_run where id = ?", String.class, runId)))
                .isEqualTo("SUCCEEDED");
    }

    String runStatus(long runId) {
        return jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId);
    }

    List<String> orderIds(long accountId) {
        return jdbc.queryForList("select marketplace_order_id from orders where account_id = ? order by marketplace_order_id::bigint",
                String.class, accountId);
    }

    String status(long accountId, long orderId) {
        List<String> s = jdbc.queryForList("select status from orders where account_id = ? and marketplace_order_id = ?",
                String.class, accountId, String.valueOf(orderId));
        return s.isEmpty() ? null : s.get(0);
    }

    String marketplaceStatus(long accountId, long orderId) {
        List<String> s = jdbc.queryForList("select marketplace_status from orders where account_id = ? and marketplace_order_id = ?",
                String.class, accountId, String.valueOf(orderId));
        return s.isEmpty() ? null : s.get(0);
    }

    int accountCount() {
        return jdbc.queryForObject("select count(*) from seller_account where marketplace = 'WOOCOMMERCE'", Integer.class);
    }

    static List<String> storeOrderIds(WooStore store) {
        return store.orderIds().stream().filter(id -> !"trash".equals(store.order(id).path("status").asText()))
                .map(String::valueOf).sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
    }
}
