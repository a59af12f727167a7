package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.sync.SyncWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The request bodies, as Seller API v3 documents them (shipments/filter, selfShip/dispatch, {shipmentId}/update). */
class FlipkartRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlipkartRequests requests = new FlipkartRequests(
            new FlipkartProperties(null, null, new FlipkartProperties.Sync("-", Duration.ofDays(30), Duration.ofMinutes(10), 20, 500)),
            new FlipkartPushSettings(null, 5, Map.of("SPEEDPOST", "INDIAPOST")));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ShipmentPush push(String event) {
        return new ShipmentPush(1, "evt-1", 7, "FLIPKART", "IN", "IN", 11, "OD1",
                json("[{\"orderItemId\":\"230000000000001\",\"quantity\":2}]"), 1, json(event), 1, false);
    }

    private static FlipkartPushPlan.Shipment shipment() {
        return new FlipkartPushPlan.Shipment("SHP-1", "LOC-1", List.of(json("{\"orderItemId\":\"230000000000001\",\"quantity\":2}")));
    }

    @Test
    void aSearchAsksForItsKindOfShipmentModifiedInTheWindowOldestFirst() {
        SyncWindow window = new SyncWindow(List.of("IN"), List.of("IN"), Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-05T06:30:00Z"));

        JsonNode held = json(requests.filterBody(FlipkartSearch.ALL.get(1), window));
        assertThat(held.at("/filter/type").asText()).isEqualTo("preDispatch");
        assertThat(held.at("/filter/hold").asBoolean()).isTrue();
        assertThat(held.at("/filter/states").toString()).isEqualTo("[\"APPROVED\",\"PACKING_IN_PROGRESS\",\"PACKED\",\"FORM_FAILED\",\"READY_TO_DISPATCH\"]");
        assertThat(held.at("/filter/modifiedDate/from").asText()).isEqualTo("2026-11-01T05:30:00+05:30");
        assertThat(held.at("/filter/modifiedDate/to").asText()).isEqualTo("2026-11-05T12:00:00+05:30");
        assertThat(held.at("/pagination/pageSize").asInt()).isEqualTo(20);
        assertThat(held.at("/sort/field").asText()).isEqualTo("modifiedDate");
        assertThat(held.at("/sort/order").asText()).isEqualTo("asc");

        JsonNode cancelled = json(requests.filterBody(FlipkartSearch.ALL.get(4), window));
        assertThat(cancelled.at("/filter/cancellationType").asText()).isEqualTo("buyerCancellation");
        assertThat(cancelled.path("filter").has("hold")).isFalse();
        assertThat(cancelled.path("filter").has("states")).isFalse();
    }

    @Test
    void aDispatchEntryCarriesDatesCourierTrackingInvoiceAndLocation() {
        ShipmentPush push = push("""
                {"carrierCode":"Speed Post","carrierName":"India Post Speed Post","trackingNumber":"EE123456789IN",
                 "shipDate":"2026-11-05T22:10:00+05:30","invoiceNumber":"INV-7","dispatchLocation":{"locationId":"LOC-9",
                 "address":{"address1":"Plot 14","city":"Bengaluru"}}}
                """);

        JsonNode entry = requests.dispatchEntry(push, shipment());

        assertThat(entry.get("shipmentId").asText()).isEqualTo("SHP-1");
        assertThat(entry.get("dispatchDate").asText()).isEqualTo("2026-11-05");
        // No expectedDeliveryDate: the dispatch date plus shipments.flipkart.default-delivery-days.
        assertThat(entry.get("tentativeDeliveryDate").asText()).isEqualTo("2026-11-10");
        assertThat(entry.get("deliveryPartner").asText()).isEqualTo("India Post Speed Post");
        assertThat(entry.get("deliveryPartnerCode").asText()).isEqualTo("INDIAPOST");
        assertThat(entry.get("trackingId").asText()).isEqualTo("EE123456789IN");
        assertThat(entry.at("/invoice/invoiceNumber").asText()).isEqualTo("INV-7");
        assertThat(entry.at("/invoice/invoiceDate").asText()).isEqualTo("2026-11-05");
        assertThat(entry.at("/invoice/items/0/orderItemId").asText()).isEqualTo("230000000000001");
        assertThat(entry.at("/invoice/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(entry.get("locationId").asText()).isEqualTo("LOC-9");
        assertThat(entry.at("/dispatchLocation/address/city").asText()).isEqualTo("Bengaluru");
    }

    @Test
    void anUpdateCarriesTheNewTrackingIdAndTheSeller() {
        ShipmentPush push = push("""
                {"carrierCode":"DELHIVERY","trackingNumber":"DL42","shipDate":"2026-11-05T10:00:00+05:30",
                 "expectedDeliveryDate":"2026-11-08"}
                """);
        FlipkartPushPlan.Update update = new FlipkartPushPlan.Update(new FlipkartPushPlan.Event(push, "seller-1", List.of(shipment())), "test");

        JsonNode body = json(requests.updateBody(update, shipment()));

        assertThat(body.get("shipmentId").asText()).isEqualTo("SHP-1");
        assertThat(body.get("trackingId").asText()).isEqualTo("DL42");
        assertThat(body.get("sellerId").asText()).isEqualTo("seller-1");
        assertThat(body.get("deliveryPartner").asText()).isEqualTo("DELHIVERY");
        assertThat(body.get("tentativeDeliveryDate").asText()).isEqualTo("2026-11-08");
        assertThat(body.size()).isEqualTo(5);
    }

    @Test
    void detailsAreAskedForAtMostAHundredIdsACall() {
        assertThat(new FlipkartProperties.Sync("-", Duration.ZERO, Duration.ZERO, 20, 500).detailsBatchSize()).isEqualTo(100);
        assertThat(new FlipkartProperties.Sync("-", Duration.ZERO, Duration.ZERO, 20, 0).detailsBatchSize()).isEqualTo(1);
    }
}
