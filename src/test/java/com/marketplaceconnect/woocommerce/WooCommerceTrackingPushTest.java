package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tracking back to the store: the Shipment Tracking extension where installed, a customer note elsewhere; completion. */
class WooCommerceTrackingPushTest extends WooCommerceTestSupport {

    private record Shop(WooStore store, long accountId, long orderId) {
    }

    /** A connected, synced store with one processing order of two lines (SKU A x2, SKU B x1). */
    private Shop shop(boolean extension) {
        WooStore store = newStore(extension);
        long order = store.addOrder("processing", CLOCK.instant().minus(Duration.ofHours(1)),
                List.of(new WooStore.Line("SKU-A", "Mug", 2, "12.00"), new WooStore.Line("SKU-B", "Plate", 1, "8.50")));
        long accountId = connect(store, 0);
        syncSucceeded(accountId);
        return new Shop(store, accountId, order);
    }

    private Map<String, Object> event(Shop shop, String carrierCode, String carrierName, List<Map<String, Object>> items) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "wc-evt-" + UUID.randomUUID());
        e.put("accountId", shop.accountId());
        e.put("marketplaceOrderId", String.valueOf(shop.orderId()));
        e.put("carrierCode", carrierCode);
        e.put("carrierName", carrierName);
        String number = "TRK" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        e.put("trackingNumber", number);
        e.put("trackingUrl", "https://track.example.com/t/" + number);
        e.put("shipDate", "2026-11-05T14:30:00+05:30");
        if (items != null) e.put("items", items);
        return e;
    }

    private String send(Map<String, Object> event) {
        var response = api().post("/api/shipments", event);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) event.get("eventId");
    }

    private Map<String, Object> row(String eventId) {
        return jdbc.queryForMap("select * from shipment_event where event_id = ? and state <> 'REJECTED'", eventId);
    }

    private void awaitState(String eventId, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(row(eventId).get("state")));
    }

    @Test
    void withTheExtensionATrackingEntryIsCreatedAndTheOrderCompleted() {
        Shop shop = shop(true);
        Map<String, Object> event = event(shop, "BLUEDART", "Blue Dart", null);
        String eventId = send(event);
        awaitState(eventId, "PUSHED");

        List<ObjectNode> trackings = shop.store().trackings(shop.orderId());
        assertThat(trackings).hasSize(1);
        JsonNode t = trackings.get(0);
        assertThat(t.get("tracking_provider").asText()).isEqualTo("Blue Dart");
        assertThat(t.get("tracking_number").asText()).isEqualTo(event.get("trackingNumber"));
        assertThat(t.get("date_shipped").asText()).isEqualTo("2026-11-05");
        assertThat(t.get("tracking_link").asText()).isEqualTo("https://track.example.com/t/" + event.get("trackingNumber"));
        assertThat(shop.store().notes(shop.orderId())).isEmpty();
        assertThat(shop.store().order(shop.orderId()).get("status").asText()).isEqualTo("completed");

        var outcome = awaitRecords("shipments.tracking-pushed", 1, r -> r.value().contains(eventId));
        assertThat(outcome.get(0).value()).contains("\"state\":\"PUSHED\"").contains("\"marketplace\":\"WOOCOMMERCE\"");
        // The order's completion comes back by webhook: SHIPPED.
        await().atMost(Duration.ofSeconds(20)).until(() -> "SHIPPED".equals(status(shop.accountId(), shop.orderId())));
    }

    @Test
    void withoutTheExtensionACustomerNoteCarriesCarrierNumberAndLink() {
        Shop shop = shop(false);
        Map<String, Object> event = event(shop, "USPS", "USPS", null);
        String eventId = send(event);
        awaitState(eventId, "PUSHED");
        List<ObjectNode> notes = shop.store().notes(shop.orderId());
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("customer_note").asBoolean()).isTrue();
        assertThat(notes.get(0).get("note").asText()).contains("USPS").contains((String) event.get("trackingNumber"))
                .contains("https://track.example.com/");
        assertThat(shop.store().order(shop.orderId()).get("status").asText()).isEqualTo("completed");
        // The extension was probed once: rest_no_route, remembered.
        assertThat(jdbc.queryForObject("select has_shipment_tracking from woocommerce_store where account_id = ?", Boolean.class,
                shop.accountId())).isFalse();
    }

    @Test
    void theOrderIsCompletedOnlyOnceEveryLineHasShipped() {
        Shop shop = shop(false);
        String a = send(event(shop, "DHL", "DHL", List.of(Map.of("sku", "SKU-A", "quantity", 2))));
        awaitState(a, "PUSHED");
        assertThat(shop.store().order(shop.orderId()).get("status").asText()).isEqualTo("processing");
        String b = send(event(shop, "DHL", "DHL", List.of(Map.of("sku", "SKU-B", "quantity", 1))));
        awaitState(b, "PUSHED");
        assertThat(shop.store().order(shop.orderId()).get("status").asText()).isEqualTo("completed");
        assertThat(shop.store().notes(shop.orderId())).hasSize(2);
    }

    @Test
    void aRefusedNoteFailsTheEventWithTheStoresMessageAndAnOutageIsRetried() {
        Shop shop = shop(false);
        String notes = "/woocommerce/" + shop.store().name() + "/wp-json/wc/v3/orders/" + shop.orderId() + "/notes";
        SANDBOX.faults().add(FaultRule.body(notes, 400,
                "{\"code\":\"woocommerce_rest_invalid_order_note\",\"message\":\"Cannot create order note, please try again.\",\"data\":{\"status\":400}}"));
        String failed = send(event(shop, "DHL", "DHL", List.of(Map.of("sku", "SKU-A", "quantity", 1))));
        awaitState(failed, "FAILED");
        assertThat((String) row(failed).get("marketplace_response")).contains("Cannot create order note");
        assertThat(shop.store().notes(shop.orderId())).isEmpty();

        SANDBOX.faults().add(FaultRule.status(notes, 503, 1));
        String retried = send(event(shop, "DHL", "DHL", List.of(Map.of("sku", "SKU-A", "quantity", 1))));
        awaitState(retried, "PUSHED");
        assertThat((Integer) row(retried).get("attempts")).isEqualTo(2);
        assertThat(shop.store().notes(shop.orderId())).hasSize(1);
        assertThat(shop.store().order(shop.orderId()).get("status").asText()).as("SKU-A 1 of 2, SKU-B not shipped").isEqualTo("processing");

        // The FAILED one, retried through the API after the cause is gone.
        assertThat(api().post("/api/shipments/" + failed + "/retry", Map.of()).status()).isEqualTo(202);
        awaitState(failed, "PUSHED");
    }
}
