package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flipkart mapper as a pure function (no Spring, no database), on a search page and a details answer shaped like
 * Seller API v3's (src/test/resources/flipkart: POST /v3/shipments/filter and GET /v3/shipments/{ids}).
 */
class FlipkartOrderMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWO_SHIPMENTS = "OD330000000000000001";
    private static final String HELD = "OD330000000000000002";
    private static final String CANCELLED = "OD330000000000000003";
    private static final String A = "a1b2c3d4-0001-4c1e-9f00-000000000001";
    private static final String B = "a1b2c3d4-0002-4c1e-9f00-000000000002";

    private final FlipkartOrderMapper mapper = new FlipkartOrderMapper();

    private static JsonNode resource(String name) {
        try (InputStream in = FlipkartOrderMapperTest.class.getResourceAsStream("/flipkart/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> page() {
        List<JsonNode> shipments = new ArrayList<>();
        resource("shipments-filter-page.json").get("shipments").forEach(shipments::add);
        return shipments;
    }

    private static Map<String, JsonNode> details() {
        Map<String, JsonNode> details = new HashMap<>();
        resource("shipment-details.json").get("shipments").forEach(s -> details.put(s.get("shipmentId").asText(), s));
        return details;
    }

    private Map<String, CanonicalOrder> byId(List<CanonicalOrder> orders) {
        Map<String, CanonicalOrder> byId = new LinkedHashMap<>();
        orders.forEach(o -> byId.put(o.marketplaceOrderId(), o));
        return byId;
    }

    /** What the tests read of an order, in one place (column names of {@code orders}). */
    private static Map<String, Object> view(CanonicalOrder o) {
        Map<String, Object> v = new HashMap<>();
        v.put("marketplace", o.marketplace());
        v.put("marketplace_code", o.marketplaceCode());
        v.put("status", o.status());
        v.put("marketplace_status", o.marketplaceStatus());
        v.put("fulfilled_by", o.fulfilledBy());
        v.put("purchased_at", o.purchasedAt());
        v.put("source_updated_at", o.sourceUpdatedAt());
        v.put("currency", o.total().currency());
        v.put("total_amount", o.total().amount());
        v.put("buyer_name", o.buyerName());
        v.put("ship_to_name", o.shipTo().name());
        v.put("ship_to_line1", o.shipTo().line1());
        v.put("ship_to_line2", o.shipTo().line2());
        v.put("ship_to_city", o.shipTo().city());
        v.put("ship_to_state", o.shipTo().state());
        v.put("ship_to_postal_code", o.shipTo().postalCode());
        v.put("ship_to_country_code", o.shipTo().countryCode());
        v.put("ship_by", o.shipWindow().shipBy());
        return v;
    }

    @Test
    void anOrderOfTwoShipmentsCarriesTheItemsOfBothAndTheAddressFromTheDetails() {
        Map<String, CanonicalOrder> orders = byId(mapper.orders(page(), details(), Map.of()));

        assertThat(orders).containsOnlyKeys(TWO_SHIPMENTS, HELD, CANCELLED);
        CanonicalOrder order = orders.get(TWO_SHIPMENTS);
        Map<String, Object> v = view(order);
        assertThat(v).containsEntry("marketplace", "FLIPKART").containsEntry("marketplace_code", "IN")
                // one of three items shipped
                .containsEntry("status", CanonicalOrder.PARTIALLY_SHIPPED)
                .containsEntry("marketplace_status", "APPROVED,SHIPPED")
                .containsEntry("fulfilled_by", CanonicalOrder.BY_SELLER)
                .containsEntry("currency", "INR")
                .containsEntry("purchased_at", Instant.parse("2026-11-05T04:28:12Z"))
                // the newer shipment's updatedAt (16:45 IST)
                .containsEntry("source_updated_at", Instant.parse("2026-11-05T11:15:00Z"))
                // the earliest dispatchByDate of items not shipped yet (the shipped shipment's is earlier)
                .containsEntry("ship_by", Instant.parse("2026-11-07T12:30:00Z"))
                .containsEntry("buyer_name", "Asha Rao")
                .containsEntry("ship_to_name", "Asha Rao")
                .containsEntry("ship_to_line1", "12, 4th Cross, Indiranagar")
                .containsEntry("ship_to_line2", "HAL 2nd Stage, Near CMH Road metro")
                .containsEntry("ship_to_city", "Bengaluru")
                .containsEntry("ship_to_state", "Karnataka")
                .containsEntry("ship_to_postal_code", "560038")
                .containsEntry("ship_to_country_code", "IN");
        // totalPrice of every item: 638 + 199 + 249
        assertThat((BigDecimal) v.get("total_amount")).isEqualByComparingTo("1086");

        assertThat(order.items()).extracting(CanonicalOrderItem::marketplaceItemId)
                .containsExactly("230000000000001", "230000000000002", "230000000000003");
        CanonicalOrderItem two = order.items().get(0);
        assertThat(two.sku()).isEqualTo("PHONE-CASE-BLK");
        assertThat(two.productId()).isEqualTo("MOBFZ2QWERTY1234");
        assertThat(two.quantity()).isEqualTo(2);
        assertThat(two.quantityShipped()).isZero();
        assertThat(two.unitPrice().amount()).isEqualByComparingTo("299.00");   // sellingPrice is for the line
        assertThat(two.status()).isEqualTo("APPROVED");
        assertThat(two.shipment().id()).isEqualTo(A);
        assertThat(two.shipment().locationId()).isEqualTo("LOCb7f4a3c2e1d0");
        assertThat(two.shipment().type()).isEqualTo("SELF");
        assertThat(two.shipment().dispatchBy()).isEqualTo(Instant.parse("2026-11-07T12:30:00Z"));
        assertThat(two.shipment().dispatchAfter()).isEqualTo(Instant.parse("2026-11-05T04:30:00Z"));
        assertThat(two.shipment().onHold()).isFalse();
        CanonicalOrderItem shipped = order.items().get(2);
        assertThat(shipped.shipment().id()).isEqualTo(B);
        assertThat(shipped.quantityShipped()).isEqualTo(1);

        // The raw order keeps both shipments, each with its details but without repeating the items there.
        JsonNode raw = order.raw();
        assertThat(raw.get("orderId").asText()).isEqualTo(TWO_SHIPMENTS);
        assertThat(raw.get("shipments")).hasSize(2);
        assertThat(raw.get("shipments").findValuesAsText("shipmentId")).contains(A, B);
        JsonNode withDetails = raw.get("shipments").get(0);
        assertThat(withDetails.get("shipmentId").asText()).isEqualTo(A);
        assertThat(withDetails.at("/details/deliveryAddress/pinCode").asText()).isEqualTo("560038");
        assertThat(withDetails.path("details").has("orderItems")).isFalse();
    }

    @Test
    void aHeldShipmentIsOnHoldAndACancelledOneIsCancelledWithItsTotal() {
        Map<String, CanonicalOrder> orders = byId(mapper.orders(page(), details(), Map.of()));

        Map<String, Object> held = view(orders.get(HELD));
        assertThat(held).containsEntry("status", CanonicalOrder.ON_HOLD)
                .containsEntry("ship_to_city", "Noida")
                .containsEntry("ship_to_line2", null)
                .containsEntry("buyer_name", "Vikram Singh");
        assertThat(orders.get(HELD).items().get(0).shipment().onHold()).isTrue();
        assertThat(orders.get(HELD).items().get(0).shipment().type()).isEqualTo("NORMAL");

        // Cancelled shipments are fetched without details: no address.
        Map<String, Object> cancelled = view(orders.get(CANCELLED));
        assertThat(cancelled).containsEntry("status", CanonicalOrder.CANCELLED)
                .containsEntry("marketplace_status", "CANCELLED")
                .containsEntry("ship_to_postal_code", null)
                .containsEntry("ship_by", null);
        assertThat((BigDecimal) cancelled.get("total_amount")).isEqualByComparingTo("490");
    }

    @Test
    void aStoredNewerCopyOfAShipmentIsKeptAndAShipmentOnlyStoredStaysInTheOrder() {
        List<JsonNode> page = page();
        // Stored from an earlier page or run: shipment B delivered later than the copy on this page, a third shipment
        // this page does not list, and shipment A with its details (this page fetched none).
        ObjectNode newerB = page.get(1).deepCopy();
        newerB.put("updatedAt", "2026-11-06T09:00:00+05:30");
        ((ObjectNode) newerB.get("orderItems").get(0)).put("status", "DELIVERED");
        ObjectNode onlyStored = page.get(1).deepCopy();
        onlyStored.put("shipmentId", "a1b2c3d4-0009-4c1e-9f00-000000000009");
        ((ObjectNode) onlyStored.get("orderItems").get(0)).put("orderItemId", "230000000000009").put("status", "SHIPPED");
        ObjectNode storedA = page.get(0).deepCopy();
        storedA.put("updatedAt", "2026-11-05T10:00:00+05:30");
        storedA.set("details", details().get(A).deepCopy());
        ObjectNode stored = JSON.createObjectNode().put("orderId", TWO_SHIPMENTS);
        stored.putArray("shipments").add(storedA).add(newerB).add(onlyStored);

        CanonicalOrder order = byId(mapper.orders(page, Map.of(), Map.of(TWO_SHIPMENTS, stored))).get(TWO_SHIPMENTS);

        assertThat(order.items()).extracting(CanonicalOrderItem::marketplaceItemId)
                .containsExactly("230000000000001", "230000000000002", "230000000000003", "230000000000009");
        assertThat(order.items()).filteredOn(i -> i.marketplaceItemId().equals("230000000000003"))
                .extracting(CanonicalOrderItem::status).containsExactly("DELIVERED");
        assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-06T03:30:00Z"));
        assertThat(order.status()).isEqualTo(CanonicalOrder.PARTIALLY_SHIPPED);
        // The page's copy of A is newer but has no details: the stored ones stay.
        assertThat(view(order)).containsEntry("ship_to_postal_code", "560038");
        assertThat(order.raw().get("shipments")).hasSize(3);
    }

    @Test
    void shipmentsWithoutTheirIdsAreSkippedAndDatesWithoutAnOffsetAreIst() {
        List<JsonNode> page = page();
        ObjectNode noId = page.get(0).deepCopy();
        noId.remove("shipmentId");
        ObjectNode noOrder = page.get(2).deepCopy();
        ((ObjectNode) noOrder.get("orderItems").get(0)).remove("orderId");
        ObjectNode local = page.get(3).deepCopy();
        local.put("updatedAt", "2026-11-05T13:30:00");

        List<CanonicalOrder> orders = mapper.orders(List.of(noId, noOrder, local), Map.of(), Map.of());

        assertThat(orders).extracting(CanonicalOrder::marketplaceOrderId).containsExactly(CANCELLED);
        assertThat(orders.get(0).sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-05T08:00:00Z"));
    }

    @Test
    void fulfilledByFlipkartWhenAnItemIsFbf() {
        List<JsonNode> page = page();
        ObjectNode fbf = page.get(2).deepCopy();
        ((ObjectNode) fbf.get("orderItems").get(0)).put("serviceProfile", "FBF");

        CanonicalOrder order = mapper.orders(List.of(fbf), null, null).get(0);

        assertThat(order.fulfilledBy()).isEqualTo(CanonicalOrder.BY_MARKETPLACE);
        assertThat(order.buyerName()).isNull();
    }

    @Test
    void theRowsOfAPageAreTheStoreStepsParameters() {
        Map<String, Object> rows = mapper.rows(page(), details(), Map.of());

        assertThat((String[]) rows.get("marketplace_order_id")).containsExactlyInAnyOrder(TWO_SHIPMENTS, HELD, CANCELLED);
        assertThat((String[]) rows.get("item_shipment_id")).hasSize(5);
    }
}
