package com.marketplaceconnect.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.marketplaceconnect.sandbox.FaultKind;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.shopify.ShopifyOrder;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;
import com.marketplaceconnect.shopify.ShopifyTestSupport;

/**
 * Shopify under the sandbox's faults: GraphQL calls failing (503, broken JSON, dropped connections) during a sync and
 * a push; webhooks duplicated, reordered, badly signed and lost. Nothing is lost, nothing stored or pushed twice, and
 * the stored copy of each order is the newest.
 */
class ShopifyFaultsTest extends ShopifyTestSupport {

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    private static String graphqlPath(String shop) {
        return "/shopify/" + shop + "/admin/api/2026-10/graphql.json";
    }

    @Test
    void aSyncThroughFailingCallsStoresEveryOrderOnce() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        List<ShopifyOrder> seeded = s.seedOrders(30, CLOCK.instant().minus(Duration.ofDays(3)), CLOCK.instant().minus(Duration.ofMinutes(5)), 5L);
        long account = connectShop(shop);
        SANDBOX.faults().add(FaultRule.status(graphqlPath(shop), 503, 1));
        SANDBOX.faults().add(FaultRule.malformedJson(graphqlPath(shop), 1).afterMatching(1));
        SANDBOX.faults().add(FaultRule.closeConnection(graphqlPath(shop), 1).afterMatching(3));

        Map<String, Object> run = syncNow(account);

        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        assertThat(storedOrderIds(account)).isEqualTo(ids(seeded));
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, account)).isEqualTo(30);
        assertThat((Integer) run.get("api_calls")).isGreaterThan((Integer) run.get("pages"));
    }

    @Test
    void duplicatedReorderedBadlySignedAndLostWebhooksEndAsOneNewestRowPerOrder() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        long account = connectShop(shop);
        s.webhooks().duplicateNext(4);
        List<ShopifyOrder> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(s.createOrder());
        }
        // The update of order 0 is held back and delivered after the cancellation of order 0: newest first.
        s.webhooks().holdNext();
        s.updateOrder(created.get(0).id(), d -> d.note("gift wrap"));
        s.cancelOrder(created.get(0).id(), "customer");
        s.webhooks().badHmacNext(2);
        created.add(s.createOrder());
        created.add(s.createOrder());
        s.webhooks().loseNext(1);
        created.add(s.createOrder());
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderIds(account).size() >= 4
                && s.webhooks().deliveries().stream().filter(d -> d.status() == 401).count() >= 2);
        // Shopify retries what was refused (401 on the bad signatures) later; the lost one only reconciliation finds.
        shopify().retryWebhooksNow();
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");

        assertThat(storedOrderIds(account)).isEqualTo(ids(created));
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, account)).isEqualTo(created.size());
        assertThat(jdbc.queryForObject("select status from orders where account_id = ? and marketplace_order_id = ?", String.class,
                account, Long.toString(created.get(0).id()))).isEqualTo("CANCELLED");
        // Each duplicated delivery's id was stored once.
        assertThat(jdbc.queryForObject("""
                select count(*) from (select messageid from camel_messageprocessed where processorname = 'shopify-webhooks'
                group by messageid having count(*) > 1) d""", Integer.class)).isZero();
    }

    @Test
    void aPushThroughAFailingCallIsRetriedAndFulfilledOnce() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        long account = connectShop(shop);
        ShopifyOrder order = s.createOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderIds(account).contains(Long.toString(order.id())));
        SANDBOX.faults().add(FaultRule.status(graphqlPath(shop), 503, 1));
        SANDBOX.faults().add(FaultRule.closeConnection(graphqlPath(shop), 1).afterMatching(2));

        Map<String, Object> event = new LinkedHashMap<>();
        String eventId = "evt-" + UUID.randomUUID();
        event.put("eventId", eventId);
        event.put("accountId", account);
        event.put("marketplaceOrderId", Long.toString(order.id()));
        event.put("carrierCode", "DHL");
        event.put("trackingNumber", "JD0000FAULTS");
        event.put("shipDate", "2026-12-05T10:00:00Z");
        assertThat(api().post("/api/shipments", event).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> "PUSHED".equals(jdbc.query(
                "select state from shipment_event where event_id = ?", rs -> rs.next() ? rs.getString(1) : null, eventId)));
        assertThat(s.fulfillments(order.id())).hasSize(1);
        assertThat(jdbc.queryForObject("select attempts from shipment_event where event_id = ?", Integer.class, eventId)).isGreaterThan(1);
    }
}
