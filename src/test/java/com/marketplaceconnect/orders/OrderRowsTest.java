package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The column arrays the store statement binds; the statement itself is covered against PostgreSQL by the sync tests. */
class OrderRowsTest {
    private final ObjectMapper json = new ObjectMapper();

    private static CanonicalOrder order(String id, JsonNode raw, List<CanonicalOrderItem> items) {
        return new CanonicalOrder("AMAZON", "IN", id, "UNSHIPPED", "Unshipped", "SELLER", Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:06.5Z"), new CanonicalOrder.Money(new BigDecimal("12.50"), "INR"), null,
                CanonicalOrder.Address.NONE, CanonicalOrder.ShipWindow.NONE, raw, items);
    }

    @Test
    void anItemFoundInItsOrdersRawJsonIsNamedByPlaceNotSentAgain() throws Exception {
        JsonNode raw = json.readTree("{\"orderId\":\"1\",\"orderItems\":[{\"orderItemId\":\"a\"},{\"orderItemId\":\"b\"}]}");
        var item = new CanonicalOrderItem("b", null, null, null, 1, 0, null, null, null, raw.get("orderItems").get(1), null);
        var elsewhere = new CanonicalOrderItem("c", null, null, null, 2, 1, null, null, null, json.readTree("{\"orderItemId\":\"c\"}"), null);
        OrderRows rows = OrderRows.of(List.of(order("1", raw, List.of(item, elsewhere))));

        Map<String, Object> p = rows.parameters();

        assertThat((String[]) p.get("item_raw")).containsExactly(null, "{\"orderItemId\":\"c\"}");
        assertThat((String[]) p.get("item_raw_field")).containsExactly("orderItems", null);
        assertThat((String[]) p.get("item_raw_index")).containsExactly("1", null);
        assertThat((int[]) p.get("item_order")).containsExactly(1, 1);
        assertThat((int[]) p.get("item_quantity")).containsExactly(1, 2);
        assertThat(json.readTree(((String[]) p.get("raw"))[0])).isEqualTo(raw);
        assertThat((String[]) p.get("source_updated_at")).containsExactly("2026-01-02T03:04:06.500Z");
        assertThat((String[]) p.get("total_amount")).containsExactly("12.50");
    }

    @Test
    void anItemWithAKnownPlaceIsNamedByIt() {
        var item = new CanonicalOrderItem("b", null, null, null, 1, 0, null, null, null, null,
                new CanonicalOrderItem.RawPlace("orderItems", 3));
        CanonicalOrder o = order("1", null, List.of(item));
        OrderRows rows = new OrderRows();
        rows.add(o.withRaw(null, o.items(), "{\"orderId\":\"1\"}"));

        Map<String, Object> p = rows.parameters();

        assertThat((String[]) p.get("raw")).containsExactly("{\"orderId\":\"1\"}");
        assertThat((String[]) p.get("item_raw")).containsExactly((String) null);
        assertThat((String[]) p.get("item_raw_field")).containsExactly("orderItems");
        assertThat((String[]) p.get("item_raw_index")).containsExactly("3");
    }

    @Test
    void columnsGrowWithTheBatch() {
        OrderRows rows = new OrderRows();
        for (int i = 0; i < 1000; i++) {
            var item = new CanonicalOrderItem("i" + i, null, null, null, i, 0, null, null, null, null, null);
            rows.add(order(Integer.toString(i), null, List.of(item, item)));
        }
        Map<String, Object> p = rows.parameters();
        assertThat((String[]) p.get("marketplace_order_id")).hasSize(1000).endsWith("999");
        assertThat((int[]) p.get("item_order")).hasSize(2000).endsWith(1000, 1000);
        assertThat((int[]) p.get("item_quantity")).endsWith(999, 999);
    }

    @Test
    void timestampsAreWrittenAsInstantToStringDoes() {
        java.util.Random random = new java.util.Random(42);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.MIN, Instant.MAX));
        for (int i = 0; i < 20000; i++) {
            long seconds = random.nextLong() % 253402300800L;
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (Instant instant : instants) {
            assertThat(OrderRows.text(instant)).isEqualTo(instant.toString());
        }
        assertThat(OrderRows.text(null)).isNull();
    }

    @Test
    void everyColumnTheStatementNamesIsBound() {
        Map<String, Object> p = new OrderRows().parameters();
        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(OrderRows.ORDER_COLUMNS.stream(), OrderRows.ITEM_COLUMNS.stream()).toList());
    }

    @Test
    void valuesAreBoundToTheirColumns() {
        var shipment = new CanonicalOrderItem.Shipment("S1", "LOC1", "SELF", Instant.parse("2026-01-03T00:00:00Z"),
                Instant.parse("2026-01-04T00:00:00Z"), true);
        var item = new CanonicalOrderItem("i", "sku", "fsn", "title", 2, 1, new CanonicalOrder.Money(new BigDecimal("4.50"), "INR"),
                "APPROVED", shipment, null, null);
        CanonicalOrder order = new CanonicalOrder("FLIPKART", "IN", "OD1", "UNSHIPPED", "APPROVED", "SELLER", null,
                Instant.parse("2026-01-02T03:04:06Z"), new CanonicalOrder.Money(new BigDecimal("9.00"), "INR"), "Buyer",
                new CanonicalOrder.Address("Name", "Line 1", "Line 2", "Pune", "MH", "411001", "IN"),
                new CanonicalOrder.ShipWindow(Instant.parse("2026-01-05T00:00:00Z"), null), json.createObjectNode(), List.of(item));

        Map<String, Object> p = OrderRows.of(List.of(order)).parameters();

        assertThat((String[]) p.get("currency")).containsExactly("INR");
        assertThat((String[]) p.get("total_amount")).containsExactly("9.00");
        assertThat((String[]) p.get("ship_to_name")).containsExactly("Name");
        assertThat((String[]) p.get("ship_to_line1")).containsExactly("Line 1");
        assertThat((String[]) p.get("ship_to_line2")).containsExactly("Line 2");
        assertThat((String[]) p.get("ship_to_city")).containsExactly("Pune");
        assertThat((String[]) p.get("ship_to_state")).containsExactly("MH");
        assertThat((String[]) p.get("ship_to_postal_code")).containsExactly("411001");
        assertThat((String[]) p.get("ship_to_country_code")).containsExactly("IN");
        assertThat((String[]) p.get("ship_by")).containsExactly("2026-01-05T00:00:00Z");
        assertThat((String[]) p.get("deliver_by")).containsExactly((String) null);
        assertThat((String[]) p.get("item_unit_price")).containsExactly("4.50");
        assertThat((String[]) p.get("item_currency")).containsExactly("INR");
        assertThat((String[]) p.get("item_shipment_id")).containsExactly("S1");
        assertThat((String[]) p.get("item_location_id")).containsExactly("LOC1");
        assertThat((String[]) p.get("item_shipment_type")).containsExactly("SELF");
        assertThat((String[]) p.get("item_dispatch_after")).containsExactly("2026-01-03T00:00:00Z");
        assertThat((String[]) p.get("item_dispatch_by")).containsExactly("2026-01-04T00:00:00Z");
        assertThat((String[]) p.get("item_on_hold")).containsExactly("true");
    }

    @Test
    void rowsAddedToOthersKeepTheirItemsWithTheirOrders() {
        var a = new CanonicalOrderItem("a", null, null, null, 1, 0, null, null, null, null, null);
        var b = new CanonicalOrderItem("b", null, null, null, 2, 0, null, null, null, null, null);
        OrderRows first = OrderRows.of(List.of(order("1", null, List.of(a)), order("2", null, List.of())));
        OrderRows second = OrderRows.of(List.of(order("3", null, List.of(b, a))));

        OrderRows all = new OrderRows();
        all.addAll(first);
        all.addAll(second);
        Map<String, Object> p = all.parameters();

        assertThat((String[]) p.get("marketplace_order_id")).containsExactly("1", "2", "3");
        assertThat((String[]) p.get("item_marketplace_item_id")).containsExactly("a", "b", "a");
        assertThat((int[]) p.get("item_order")).containsExactly(1, 3, 3);
        assertThat((int[]) p.get("item_quantity")).containsExactly(1, 2, 1);
        assertThat(first.orders()).isEqualTo(2);
    }
}
