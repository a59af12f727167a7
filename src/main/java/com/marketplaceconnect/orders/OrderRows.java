package com.marketplaceconnect.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical orders laid out as the store step binds them (sql/upsert-orders.sql): one array per column of
 * {@code orders}, one per column of {@code order_item}, and for each item the position of its order in the order
 * arrays (1-based), so that two copies of one order in a batch keep their own items. PostgreSQL receives typed arrays
 * and unnests them; nothing is rendered into a JSON document and parsed again but the raw JSON itself.
 * Timestamps and amounts travel as text (ISO-8601, plain decimal) and are cast to their column types in the statement.
 * An item whose raw tree is an element of an array field of its order's raw tree (Amazon's orderItems) is not sent a
 * second time: the statement takes it from the order's raw JSON by field and index.
 */
public final class OrderRows {
    /** Column names of the order arrays, as the statement names its parameters. */
    public static final List<String> ORDER_COLUMNS = List.of("marketplace", "marketplace_code", "marketplace_order_id",
            "status", "marketplace_status", "fulfilled_by", "purchased_at", "source_updated_at", "currency", "total_amount",
            "buyer_name", "ship_to_name", "ship_to_line1", "ship_to_line2", "ship_to_city", "ship_to_state",
            "ship_to_postal_code", "ship_to_country_code", "ship_by", "deliver_by", "raw");
    /** Column names of the item arrays; item_order is the 1-based position of the item's order. */
    public static final List<String> ITEM_COLUMNS = List.of("item_order", "item_marketplace_item_id", "item_sku",
            "item_product_id", "item_title", "item_quantity", "item_quantity_shipped", "item_unit_price", "item_currency",
            "item_status", "item_raw", "item_raw_field", "item_raw_index", "item_shipment_id", "item_location_id", "item_shipment_type", "item_dispatch_by",
            "item_dispatch_after", "item_on_hold");

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    private final List<String[]> orders = new ArrayList<>();
    private final List<String[]> items = new ArrayList<>();
    private final List<Integer> itemOrder = new ArrayList<>();
    private final List<int[]> itemQuantities = new ArrayList<>();

    public static OrderRows of(Collection<CanonicalOrder> orders) {
        OrderRows rows = new OrderRows();
        orders.forEach(rows::add);
        return rows;
    }

    public int orders() {
        return orders.size();
    }

    /**
     * Adds an order and its items: the order's raw JSON as received ({@code rawJson}) or rendered from its tree; an
     * item's raw JSON by its place in the order's raw JSON where it is found there, or else rendered from its tree.
     */
    public void add(CanonicalOrder order) {
        List<String> itemRaw = new ArrayList<>(order.items() == null ? 0 : order.items().size());
        List<String> itemRawField = new ArrayList<>(itemRaw.size());
        List<String> itemRawIndex = new ArrayList<>(itemRaw.size());
        if (order.items() != null) {
            for (CanonicalOrderItem item : order.items()) {
                String[] place = place(order.raw(), item.raw());
                itemRaw.add(place == null ? json(item.raw()) : null);
                itemRawField.add(place == null ? null : place[0]);
                itemRawIndex.add(place == null ? null : place[1]);
            }
        }
        add(order, order.rawJson() != null ? order.rawJson() : json(order.raw()), itemRaw, itemRawField, itemRawIndex);
    }

    /**
     * Adds an order whose raw JSON is already text (as received, or kept by the caller); {@code itemRawJson} holds its
     * items' raw JSON in the order of {@code order.items()}.
     */
    public void add(CanonicalOrder order, String rawJson, List<String> itemRawJson) {
        List<String> none = Collections.nCopies(itemRawJson.size(), null);
        add(order, rawJson, itemRawJson, none, none);
    }

    /**
     * As above; an item whose raw JSON is null instead names where it sits in the order's raw JSON: element
     * {@code itemRawIndex} of the array field {@code itemRawField}.
     */
    public void add(CanonicalOrder order, String rawJson, List<String> itemRawJson, List<String> itemRawField,
                    List<String> itemRawIndex) {
        orders.add(new String[] {order.marketplace(), order.marketplaceCode(), order.marketplaceOrderId(), order.status(),
                order.marketplaceStatus(), order.fulfilledBy(), text(order.purchasedAt()), text(order.sourceUpdatedAt()),
                order.currency(), text(order.totalAmount()), order.buyerName(), order.shipToName(), order.shipToLine1(),
                order.shipToLine2(), order.shipToCity(), order.shipToState(), order.shipToPostalCode(),
                order.shipToCountryCode(), text(order.shipBy()), text(order.deliverBy()), rawJson});
        if (order.items() == null) {
            return;
        }
        int position = orders.size();
        for (int i = 0; i < order.items().size(); i++) {
            CanonicalOrderItem item = order.items().get(i);
            itemOrder.add(position);
            itemQuantities.add(new int[] {item.quantity(), item.quantityShipped()});
            items.add(new String[] {item.marketplaceItemId(), item.sku(), item.productId(), item.title(),
                    text(item.unitPrice()), item.currency(), item.status(), itemRawJson.get(i), itemRawField.get(i),
                    itemRawIndex.get(i), item.shipmentId(),
                    item.locationId(), item.shipmentType(), text(item.dispatchBy()), text(item.dispatchAfter()),
                    item.onHold() == null ? null : item.onHold().toString()});
        }
    }

    /** The statement's parameters: column name → array (String[], or int[] for item_order and the quantities). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new HashMap<>(64);
        for (int c = 0; c < ORDER_COLUMNS.size(); c++) {
            String[] column = new String[orders.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = orders.get(r)[c];
            }
            p.put(ORDER_COLUMNS.get(c), column);
        }
        int n = items.size();
        int[] order = new int[n], quantity = new int[n], shipped = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = itemOrder.get(r);
            quantity[r] = itemQuantities.get(r)[0];
            shipped[r] = itemQuantities.get(r)[1];
        }
        p.put("item_order", order);
        p.put("item_quantity", quantity);
        p.put("item_quantity_shipped", shipped);
        List<String> textColumns = ITEM_COLUMNS.stream()
                .filter(c -> !c.equals("item_order") && !c.equals("item_quantity") && !c.equals("item_quantity_shipped")).toList();
        for (int c = 0; c < textColumns.size(); c++) {
            String[] column = new String[n];
            for (int r = 0; r < n; r++) {
                column[r] = items.get(r)[c];
            }
            p.put(textColumns.get(c), column);
        }
        return p;
    }

    /** The field and index of the array of {@code order} that holds {@code item} itself, or null. */
    private static String[] place(JsonNode order, JsonNode item) {
        if (order == null || item == null || !order.isObject()) {
            return null;
        }
        for (var fields = order.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode array = field.getValue();
            if (array.isArray()) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) == item) {
                        return new String[] {field.getKey(), Integer.toString(i)};
                    }
                }
            }
        }
        return null;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static String json(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unwritable raw JSON", e);
        }
    }
}
