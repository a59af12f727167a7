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
                Instant.parse("2026-01-02T03:04:06.5Z"), "INR", new BigDecimal("12.50"), null, null, null, null, null, null, null,
                null, null, null, raw, items);
    }

    @Test
    void anItemFoundInItsOrdersRawJsonIsNamedByPlaceNotSentAgain() throws Exception {
        JsonNode raw = json.readTree("{\"orderId\":\"1\",\"orderItems\":[{\"orderItemId\":\"a\"},{\"orderItemId\":\"b\"}]}");
        var item = new CanonicalOrderItem("b", null, null, null, 1, 0, null, null, null, raw.get("orderItems").get(1));
        var elsewhere = new CanonicalOrderItem("c", null, null, null, 2, 1, null, null, null, json.readTree("{\"orderItemId\":\"c\"}"));
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
    void everyColumnTheStatementNamesIsBound() {
        Map<String, Object> p = new OrderRows().parameters();
        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(OrderRows.ORDER_COLUMNS.stream(), OrderRows.ITEM_COLUMNS.stream()).toList());
    }
}
