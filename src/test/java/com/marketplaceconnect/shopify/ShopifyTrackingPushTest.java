package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.marketplaceconnect.sandbox.shopify.Fulfillment;
import com.marketplaceconnect.sandbox.shopify.OrderDraft;
import com.marketplaceconnect.sandbox.shopify.ShopifyOrder;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;

/**
 * Tracking push to the sandbox's fulfillment orders: a shipment event becomes fulfillmentCreate of its lines with the
 * tracking; a new tracking number for the same package becomes fulfillmentTrackingInfoUpdate; userErrors and lines
 * that cannot be fulfilled end FAILED with the message.
 */
class ShopifyTrackingPushTest extends ShopifyTestSupport {

    private String stateOf(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    private Map<String, Object> event(long account, ShopifyOrder order, String tracking, List<Map<String, Object>> items) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "evt-" + UUID.randomUUID());
        e.put("accountId", account);
        e.put("marketplaceOrderId", Long.toString(order.id()));
        e.put("carrierCode", "UPS");
        e.put("carrierName", "UPS");
        e.put("trackingNumber", tracking);
        e.put("trackingUrl", "https://www.ups.com/track?tracknum=" + tracking);
        e.put("shipDate", "2026-12-05T14:30:00Z");
        if (items != null) {
            e.put("items", items);
        }
        return e;
    }

    private String push(Map<String, Object> event, String expectedState) {
        var r = api().post("/api/shipments", event);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = (String) event.get("eventId");
        await().atMost(Duration.ofSeconds(30)).until(() -> expectedState.equals(stateOf(id)));
        return id;
    }

    private record Setup(ShopifyShop shop, long account, ShopifyOrder order) {
    }

    private Setup orderSynced() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        long account = connectShop(shop);
        ShopifyOrder order = s.createOrder(new OrderDraft().line("SKU-A", "Shirt", 2, "20.00").line("SKU-B", "Cap", 1, "9.50"));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderIds(account).contains(Long.toString(order.id())));
        return new Setup(s, account, order);
    }

    @Test
    void aShipmentBecomesAFulfillmentWithTrackingAndANewNumberUpdatesIt() {
        Setup x = orderSynced();
        String lineA = Long.toString(x.order().lineItems().get(0).id());

        String first = push(event(x.account(), x.order(), "1Z999AA10123456784",
                List.of(Map.of("orderItemId", lineA, "quantity", 2))), "PUSHED");

        List<Fulfillment> fulfillments = x.shop().fulfillments(x.order().id());
        assertThat(fulfillments).hasSize(1);
        Fulfillment f = fulfillments.get(0);
        assertThat(f.tracking()).containsExactly(new Fulfillment.Tracking("UPS", "1Z999AA10123456784",
                "https://www.ups.com/track?tracknum=1Z999AA10123456784"));
        assertThat(f.lines()).singleElement().satisfies(l -> {
            assertThat(l.lineItem().id()).isEqualTo(x.order().lineItems().get(0).id());
            assertThat(l.quantity()).isEqualTo(2);
        });
        assertThat(f.notifyCustomer()).isFalse();
        var create = SANDBOX.calls().matching("POST", "/shopify/" + x.shop().domain() + "/admin/api/2026-10/graphql.json").stream()
                .filter(c -> c.body().contains("fulfillmentCreate")).toList();
        assertThat(create).hasSize(1);
        assertThat(create.get(0).body()).contains("lineItemsByFulfillmentOrder").contains("gid://shopify/FulfillmentOrder/");

        // The same package with a corrected tracking number: the fulfillment's tracking is updated, none created.
        String second = push(event(x.account(), x.order(), "1Z999AA10123456785",
                List.of(Map.of("orderItemId", lineA, "quantity", 2))), "PUSHED");
        assertThat(x.shop().fulfillments(x.order().id())).hasSize(1);
        assertThat(x.shop().fulfillment(f.id()).tracking()).extracting(Fulfillment.Tracking::number).containsExactly("1Z999AA10123456785");
        assertThat(jdbc.queryForObject("select marketplace_response from shipment_event where event_id = ?", String.class, second))
                .startsWith("HTTP 200");
        assertThat(first).isNotEqualTo(second);
        // The rest of the order (the cap) goes as a second package: a second fulfillment.
        push(event(x.account(), x.order(), "1Z999AA10123456786",
                List.of(Map.of("orderItemId", Long.toString(x.order().lineItems().get(1).id()), "quantity", 1))), "PUSHED");
        assertThat(x.shop().fulfillments(x.order().id())).hasSize(2);
    }

    @Test
    void aUserErrorsAnswerIsFailedWithShopifysMessage() {
        Setup x = orderSynced();
        String lineA = Long.toString(x.order().lineItems().get(0).id());
        push(event(x.account(), x.order(), "TRACK-1", List.of(Map.of("orderItemId", lineA, "quantity", 1))), "PUSHED");
        // The fulfillment was deleted at Shopify's side since: the tracking update is answered with userErrors.
        jdbc.update("update shopify_fulfillment set fulfillment_id = 'gid://shopify/Fulfillment/999999999' "
                + "where order_id = (select id from orders where account_id = ? and marketplace_order_id = ?)",
                x.account(), Long.toString(x.order().id()));

        String failed = push(event(x.account(), x.order(), "TRACK-2", List.of(Map.of("orderItemId", lineA, "quantity", 1))), "FAILED");

        String error = jdbc.queryForObject("select last_error from shipment_event where event_id = ?", String.class, failed);
        assertThat(error).contains("Shopify refused fulfillmentTrackingInfoUpdate").contains("Fulfillment does not exist.");
        assertThat(jdbc.queryForObject("select attempts from shipment_event where event_id = ?", Integer.class, failed)).isEqualTo(1);
    }

    @Test
    void linesThatAreNoLongerOpenForFulfillmentAreFailedWithAClearReason() {
        Setup x = orderSynced();
        x.shop().fulfillmentOrders(x.order().id()).forEach(fo -> x.shop().closeFulfillmentOrder(fo.id()));

        String failed = push(event(x.account(), x.order(), "TRACK-X", null), "FAILED");

        assertThat(jdbc.queryForObject("select last_error from shipment_event where event_id = ?", String.class, failed))
                .contains("no open fulfillment order");
        assertThat(x.shop().fulfillments(x.order().id())).isEmpty();
    }
}
