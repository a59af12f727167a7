package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.marketplaceconnect.sandbox.shopify.ShopifyOrder;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;

/**
 * The reconciliation sync against the sandbox's GraphQL Admin API: the first run backfills 30 days page by page,
 * orders whose webhooks were lost come in with the next run, the cost throttle is obeyed (no THROTTLED at steady
 * state; a drained bucket is waited out).
 */
class ShopifyOrderSyncTest extends ShopifyTestSupport {

    @Test
    void theFirstSyncBackfillsThirtyDaysPageByPageWithTheCursor() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        Instant now = CLOCK.instant();
        List<ShopifyOrder> seeded = s.seedOrders(25, now.minus(Duration.ofDays(40)), now.minus(Duration.ofHours(1)), 15L);
        long account = connectShop(shop);

        Map<String, Object> run = syncNow(account);

        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        List<ShopifyOrder> recent = seeded.stream().filter(o -> !o.updatedAt().isBefore(now.minus(Duration.ofDays(30)))).toList();
        assertThat(recent.size()).isBetween(10, 24);
        assertThat(storedOrderIds(account)).isEqualTo(ids(recent));
        // page size 10: several pages, each by the cursor of the one before, sorted by update time.
        assertThat((Integer) run.get("pages")).isGreaterThanOrEqualTo(2);
        var calls = SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/api/2026-10/graphql.json").stream()
                .filter(c -> c.body().contains("OrdersUpdatedSince")).toList();
        assertThat(calls).hasSize((Integer) run.get("pages"));
        assertThat(calls.get(0).body()).contains("sortKey: UPDATED_AT").contains("updated_at:>=")
                .contains("\"after\":null");
        assertThat(calls.get(1).body()).doesNotContain("\"after\":null");
        assertThat(calls).allSatisfy(c -> assertThat(c.header("X-Shopify-Access-Token")).isNotBlank());
        Map<String, Object> stored = jdbc.queryForMap("select status, currency, total_amount, buyer_name, raw->>'name' as name "
                + "from orders where account_id = ? and marketplace_order_id = ?", account, Long.toString(recent.get(0).id()));
        assertThat(stored.get("name")).isEqualTo(recent.get(0).name());
        assertThat(stored.get("buyer_name")).isNotNull();
        assertThat(stored.get("total_amount").toString()).isEqualTo(recent.get(0).total().toPlainString());
    }

    @Test
    void ordersWhoseWebhooksWereLostAreRecoveredByTheNextSync() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        long account = connectShop(shop);
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");

        s.webhooks().loseNext(3);
        List<ShopifyOrder> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(s.createOrder());
        }
        // The two delivered webhooks are stored; the three lost ones are not.
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderIds(account).size() == 2);
        assertThat(s.webhooks().lost()).hasSize(3);

        // The next cycle (the test clock stands still: the window starts at the last run's time minus the overlap).
        Map<String, Object> run = syncNow(account);
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        assertThat(storedOrderIds(account)).isEqualTo(ids(created));
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, account)).isEqualTo(5);
    }

    @Test
    void theCostThrottleIsObeyedSoASteadySyncIsNeverThrottled() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        Instant now = CLOCK.instant();
        s.seedOrders(60, now.minus(Duration.ofDays(5)), now.minus(Duration.ofMinutes(30)), 21L);
        long account = connectShop(shop);
        // A drained bucket (another app of the shop spent it): the first page is throttled, waited out and retried.
        s.throttle().setCurrentlyAvailable(0);
        Map<String, Object> first = syncNow(account);
        assertThat(first.get("status")).as(String.valueOf(first.get("error"))).isEqualTo("SUCCEEDED");
        assertThat(storedOrderIds(account)).hasSize(60);

        // Steady state: the bucket as Shopify reports it is respected before each page: no THROTTLED at all.
        int throttledBefore = s.throttle().throttledCount();
        for (int i = 0; i < 3; i++) {
            s.touchOrder(s.orders().get(i).id());
            Map<String, Object> run = syncNow(account);
            assertThat(run.get("status")).isEqualTo("SUCCEEDED");
            assertThat(run.get("throttled_responses")).isEqualTo(0);
        }
        assertThat(s.throttle().throttledCount()).isEqualTo(throttledBefore);
    }
}
