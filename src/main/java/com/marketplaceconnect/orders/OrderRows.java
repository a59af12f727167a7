package com.marketplaceconnect.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
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
    /** The item columns sent as text: ITEM_COLUMNS but item_order and the quantities. */
    private static final List<String> ITEM_TEXT_COLUMNS = ITEM_COLUMNS.stream()
            .filter(c -> !c.equals("item_order") && !c.equals("item_quantity") && !c.equals("item_quantity_shipped")).toList();
    private static final int RAW = ORDER_COLUMNS.indexOf("raw");

    // Kept column by column as they are bound, so that parameters() only trims each column to its length.
    private final String[][] orderColumns = new String[ORDER_COLUMNS.size()][16];
    private int orderCount;
    private final String[][] itemColumns = new String[ITEM_TEXT_COLUMNS.size()][32];
    private int[] itemOrder = new int[32], itemQuantity = new int[32], itemQuantityShipped = new int[32];
    private int itemCount;

    public static OrderRows of(Collection<CanonicalOrder> orders) {
        OrderRows rows = new OrderRows();
        orders.forEach(rows::add);
        return rows;
    }

    public int orders() {
        return orderCount;
    }

    /**
     * Adds an order and its items: the order's raw JSON as received ({@code rawJson}) or rendered from its tree; an
     * item's raw JSON by its place in the order's raw JSON where it is known ({@code rawPlace}, set by a mapper that
     * read the order from its text) or found there (the item's tree is an element of an array of the order's tree),
     * or else rendered from its tree.
     */
    public void add(CanonicalOrder order) {
        addOrder(order, order.rawJson() != null ? order.rawJson() : json(order.raw()));
        if (order.items() == null) {
            return;
        }
        for (CanonicalOrderItem item : order.items()) {
            CanonicalOrderItem.RawPlace known = item.rawPlace();
            if (known != null) {
                addItem(item, null, known.field(), Integer.toString(known.index()));
                continue;
            }
            String[] place = place(order.raw(), item.raw());
            addItem(item, place == null ? json(item.raw()) : null, place == null ? null : place[0], place == null ? null : place[1]);
        }
    }

    /**
     * Adds the orders of {@code other} after these (e.g. a batch that could not be stored, given back to be stored
     * with the next one); {@code other} is left as it was.
     */
    public void addAll(OrderRows other) {
        for (int o = 0; o < other.orderCount; o++) {
            ensureOrderCapacity();
            for (int c = 0; c < orderColumns.length; c++) {
                orderColumns[c][orderCount] = other.orderColumns[c][o];
            }
            orderCount++;
        }
        int offset = orderCount - other.orderCount;
        for (int i = 0; i < other.itemCount; i++) {
            ensureItemCapacity();
            for (int c = 0; c < itemColumns.length; c++) {
                itemColumns[c][itemCount] = other.itemColumns[c][i];
            }
            itemOrder[itemCount] = other.itemOrder[i] + offset;
            itemQuantity[itemCount] = other.itemQuantity[i];
            itemQuantityShipped[itemCount] = other.itemQuantityShipped[i];
            itemCount++;
        }
    }

    private void ensureOrderCapacity() {
        if (orderCount == orderColumns[0].length) {
            for (int c = 0; c < orderColumns.length; c++) {
                orderColumns[c] = Arrays.copyOf(orderColumns[c], orderCount * 2);
            }
        }
    }

    private void ensureItemCapacity() {
        if (itemCount == itemOrder.length) {
            int size = itemCount * 2;
            for (int c = 0; c < itemColumns.length; c++) {
                itemColumns[c] = Arrays.copyOf(itemColumns[c], size);
            }
            itemOrder = Arrays.copyOf(itemOrder, size);
            itemQuantity = Arrays.copyOf(itemQuantity, size);
            itemQuantityShipped = Arrays.copyOf(itemQuantityShipped, size);
        }
    }

    private void addOrder(CanonicalOrder order, String rawJson) {
        ensureOrderCapacity();
        int r = orderCount++;
        String[][] c = orderColumns;
        c[0][r] = order.marketplace();
        c[1][r] = order.marketplaceCode();
        c[2][r] = order.marketplaceOrderId();
        c[3][r] = order.status();
        c[4][r] = order.marketplaceStatus();
        c[5][r] = order.fulfilledBy();
        c[6][r] = text(order.purchasedAt());
        c[7][r] = text(order.sourceUpdatedAt());
        c[8][r] = order.total().currency();
        c[9][r] = text(order.total().amount());
        c[10][r] = order.buyerName();
        CanonicalOrder.Address to = order.shipTo();
        c[11][r] = to.name();
        c[12][r] = to.line1();
        c[13][r] = to.line2();
        c[14][r] = to.city();
        c[15][r] = to.state();
        c[16][r] = to.postalCode();
        c[17][r] = to.countryCode();
        c[18][r] = text(order.shipWindow().shipBy());
        c[19][r] = text(order.shipWindow().deliverBy());
        c[RAW][r] = rawJson;
    }

    /** An item of the order added last. */
    private void addItem(CanonicalOrderItem item, String rawJson, String rawField, String rawIndex) {
        ensureItemCapacity();
        int r = itemCount++;
        itemOrder[r] = orderCount;
        itemQuantity[r] = item.quantity();
        itemQuantityShipped[r] = item.quantityShipped();
        String[][] c = itemColumns;
        c[0][r] = item.marketplaceItemId();
        c[1][r] = item.sku();
        c[2][r] = item.productId();
        c[3][r] = item.title();
        c[4][r] = text(item.unitPrice().amount());
        c[5][r] = item.unitPrice().currency();
        c[6][r] = item.status();
        c[7][r] = rawJson;
        c[8][r] = rawField;
        c[9][r] = rawIndex;
        CanonicalOrderItem.Shipment shipment = item.shipment();
        if (shipment != null) {
            c[10][r] = shipment.id();
            c[11][r] = shipment.locationId();
            c[12][r] = shipment.type();
            c[13][r] = text(shipment.dispatchBy());
            c[14][r] = text(shipment.dispatchAfter());
            c[15][r] = shipment.onHold() == null ? null : shipment.onHold().toString();
        }
    }

    /** The statement's parameters: column name → array (String[], or int[] for item_order and the quantities). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new HashMap<>(64);
        for (int c = 0; c < ORDER_COLUMNS.size(); c++) {
            p.put(ORDER_COLUMNS.get(c), Arrays.copyOf(orderColumns[c], orderCount));
        }
        p.put("item_order", Arrays.copyOf(itemOrder, itemCount));
        p.put("item_quantity", Arrays.copyOf(itemQuantity, itemCount));
        p.put("item_quantity_shipped", Arrays.copyOf(itemQuantityShipped, itemCount));
        for (int c = 0; c < ITEM_TEXT_COLUMNS.size(); c++) {
            p.put(ITEM_TEXT_COLUMNS.get(c), Arrays.copyOf(itemColumns[c], itemCount));
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

    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay(), LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /**
     * {@code instant.toString()} (ISO-8601 in UTC, seconds always, the fraction in groups of three digits), written
     * directly for the years 0–9999 instead of through DateTimeFormatter (four per order, a few per cent of the sync's
     * CPU); other years through toString().
     */
    static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86400);
        if (day < FIRST_DAY || day > LAST_DAY) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        int second = (int) Math.floorMod(seconds, 86400);
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        byte[] b = new byte[20 + (digits == 0 ? 0 : digits + 1)];
        int year = date.getYear();
        b[0] = digit(year / 1000);
        b[1] = digit(year / 100 % 10);
        b[2] = digit(year / 10 % 10);
        b[3] = digit(year % 10);
        b[4] = '-';
        two(b, 5, date.getMonthValue());
        b[7] = '-';
        two(b, 8, date.getDayOfMonth());
        b[10] = 'T';
        two(b, 11, second / 3600);
        b[13] = ':';
        two(b, 14, second / 60 % 60);
        b[16] = ':';
        two(b, 17, second % 60);
        int i = 19;
        if (digits > 0) {
            b[i++] = '.';
            int scaled = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
            for (int d = digits - 1; d >= 0; d--) {
                b[i + d] = digit(scaled % 10);
                scaled /= 10;
            }
            i += digits;
        }
        b[i] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte digit(int value) {
        return (byte) ('0' + value);
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = digit(value / 10);
        b[at + 1] = digit(value % 10);
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
