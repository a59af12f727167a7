package com.marketplaceconnect.amazon;

import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import static com.marketplaceconnect.orders.JsonValues.decimal;
import static com.marketplaceconnect.orders.JsonValues.text;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderBatches;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Maps Orders API v2026-01-01 orders to canonical orders. Tolerant of what Amazon leaves out (pending orders have
 * no address or totals) and of values it adds later (unknown statuses are kept as they are); an order without an id
 * or last-updated time cannot be stored safely and is skipped with a warning.
 */
@Component("amazonOrderMapper")
public class AmazonOrderMapper {
    private static final Logger log = LoggerFactory.getLogger(AmazonOrderMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode MISSING = MissingNode.getInstance();
    private static final String ORDER_ITEMS = "orderItems";

    /**
     * Route step: body = one searchOrders response (bytes); sets the page's canonical orders and the next token.
     * The page is read as a stream. Each order is mapped from its tokens, without building its tree (the mapping
     * reads about 25 of its values; the tree was the largest cost of the sync's mapping), and keeps the text it was
     * read from as its raw JSON (its items name their place in it); an order of a shape the token reader does not
     * follow is mapped from its tree instead, with the same result. Broken JSON is a JsonProcessingException, an
     * IOException: the sync's error policy retries it like a dropped connection.
     */
    public void page(Exchange exchange) throws Exception {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            throw new MalformedMarketplaceResponseException("searchOrders answered without an orders array");
        }
        List<CanonicalOrder> orders = null;
        String token = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMarketplaceResponseException("searchOrders answered without an orders array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("orders".equals(field) && value == JsonToken.START_ARRAY) {
                    orders = new ArrayList<>();
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                        if (element == null) {
                            throw new MalformedMarketplaceResponseException("searchOrders answered a truncated orders array");
                        }
                        if (element != JsonToken.START_OBJECT) {
                            log.warn("Skipping an Amazon order that is not a JSON object ({})", element);
                            parser.skipChildren();
                            continue;
                        }
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        OrderValues values = new TokenReader(parser).order();
                        int end = (int) parser.currentLocation().getByteOffset();
                        String rawJson = new String(body, start, end - start, StandardCharsets.UTF_8);
                        CanonicalOrder mapped = values.plain ? map(values, rawJson) : map(JSON.readTree(rawJson), rawJson);
                        if (mapped != null) {
                            orders.add(mapped);
                        }
                    }
                } else if ("pagination".equals(field)) {
                    JsonNode pagination = JSON.readTree(parser);
                    token = pagination.path("nextToken").asText(null);
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (orders == null) {
            throw new MalformedMarketplaceResponseException("searchOrders answered without an orders array");
        }
        boolean more = token != null && !token.isEmpty();
        exchange.setProperty(AmazonSearchOrders.NEXT_TOKEN, more ? token : null);
        exchange.setProperty(AmazonSearchOrders.MORE_PAGES, more);
        exchange.setProperty(OrderBatches.PAGE_ORDERS, orders);
        exchange.getMessage().setBody(null);
    }

    public CanonicalOrder map(JsonNode o) {
        return map(o, null);
    }

    /** {@code rawJson}: the order's JSON text as received, or null. Items keep their trees as their raw JSON. */
    CanonicalOrder map(JsonNode o, String rawJson) {
        OrderValues v = new OrderValues(o);
        v.orderId = o.path("orderId");
        v.createdTime = o.path("createdTime");
        v.lastUpdatedTime = o.path("lastUpdatedTime");
        v.marketplaceId = o.path("salesChannel").path("marketplaceId");
        v.buyerName = o.path("buyer").path("buyerName");
        JsonNode fulfillment = o.path("fulfillment");
        v.fulfillmentStatus = fulfillment.path("fulfillmentStatus");
        v.fulfilledBy = fulfillment.path("fulfilledBy");
        v.shipBy = fulfillment.path("shipByWindow").path("latestDateTime");
        v.deliverBy = fulfillment.path("deliverByWindow").path("latestDateTime");
        JsonNode address = o.path("recipient").path("deliveryAddress");
        for (int a = 0; a < ADDRESS_FIELDS.length; a++) {
            v.address[a] = address.path(ADDRESS_FIELDS[a]);
        }
        JsonNode total = o.path("proceeds").path("grandTotal");
        v.totalAmount = total.path("amount");
        v.totalCurrency = total.path("currencyCode");
        for (JsonNode item : o.path(ORDER_ITEMS)) {
            ItemValues i = new ItemValues(item, -1);
            i.itemId = item.path("orderItemId");
            JsonNode product = item.path("product");
            i.sku = product.path("sellerSku");
            i.asin = product.path("asin");
            i.title = product.path("title");
            JsonNode unitPrice = product.path("price").path("unitPrice");
            i.amount = unitPrice.path("amount");
            i.currency = unitPrice.path("currencyCode");
            i.quantity = item.path("quantityOrdered");
            i.quantityFulfilled = item.path("fulfillment").path("quantityFulfilled");
            v.items.add(i);
        }
        return map(v, rawJson);
    }

    private static CanonicalOrder map(OrderValues o, String rawJson) {
        String orderId = text(o.orderId);
        Instant updated = instant(o.lastUpdatedTime);
        if (orderId == null || updated == null) {
            log.warn("Skipping an Amazon order without orderId or lastUpdatedTime (orderId={})", orderId);
            return null;
        }
        String marketplaceId = o.marketplaceId.asText(null);
        String code = AmazonMarketplace.byId(marketplaceId).map(Enum::name).orElse(marketplaceId);
        String amazonStatus = o.fulfillmentStatus.asText("UNKNOWN");
        List<CanonicalOrderItem> items = new ArrayList<>(o.items.size());
        for (ItemValues item : o.items) {
            String itemId = text(item.itemId);
            if (itemId == null) {
                continue;
            }
            items.add(new CanonicalOrderItem(itemId, text(item.sku), text(item.asin), text(item.title),
                    item.quantity.asInt(0), item.quantityFulfilled.asInt(0),
                    new CanonicalOrder.Money(decimal(item.amount), text(item.currency)), null, null, item.raw,
                    item.raw == null ? new CanonicalOrderItem.RawPlace(ORDER_ITEMS, item.index) : null));
        }
        JsonNode[] address = o.address;
        return new CanonicalOrder("AMAZON", code, orderId, status(amazonStatus), amazonStatus,
                "AMAZON".equalsIgnoreCase(o.fulfilledBy.asText()) ? CanonicalOrder.BY_MARKETPLACE : CanonicalOrder.BY_SELLER,
                instant(o.createdTime), updated, new CanonicalOrder.Money(decimal(o.totalAmount), text(o.totalCurrency)),
                text(o.buyerName), new CanonicalOrder.Address(text(address[0]), text(address[1]),
                        join(text(address[2]), text(address[3])), text(address[4]), text(address[5]), text(address[6]),
                        text(address[7])),
                new CanonicalOrder.ShipWindow(instant(o.shipBy), instant(o.deliverBy)), o.raw, items, rawJson);
    }

    /** recipient.deliveryAddress's fields the mapping reads, in the order of {@link OrderValues#address}. */
    private static final String[] ADDRESS_FIELDS = {"name", "addressLine1", "addressLine2", "addressLine3", "city",
            "stateOrRegion", "postalCode", "countryCode"};

    /**
     * The values of one order that the mapping reads, each the node its tree holds at that path (MissingNode where
     * there is none), whether taken from the tree or from the token stream.
     */
    private static final class OrderValues {
        final JsonNode raw;
        /** false: the token reader met a shape it does not follow; the order is mapped from its tree instead. */
        boolean plain = true;
        JsonNode orderId = MISSING, createdTime = MISSING, lastUpdatedTime = MISSING, marketplaceId = MISSING,
                buyerName = MISSING, fulfillmentStatus = MISSING, fulfilledBy = MISSING, shipBy = MISSING,
                deliverBy = MISSING, totalAmount = MISSING, totalCurrency = MISSING;
        final JsonNode[] address = new JsonNode[ADDRESS_FIELDS.length];
        List<ItemValues> items = new ArrayList<>(4);

        OrderValues(JsonNode raw) {
            this.raw = raw;
            Arrays.fill(address, MISSING);
        }
    }

    /** As {@link OrderValues}, for one element of orderItems: its tree, or (read from tokens) its index. */
    private static final class ItemValues {
        final JsonNode raw;
        final int index;
        JsonNode itemId = MISSING, sku = MISSING, asin = MISSING, title = MISSING, amount = MISSING, currency = MISSING,
                quantity = MISSING, quantityFulfilled = MISSING;

        ItemValues(JsonNode raw, int index) {
            this.raw = raw;
            this.index = index;
        }
    }

    /**
     * Reads the values of one order from its tokens, as {@link #map(JsonNode, String)} reads them from its tree:
     * each value becomes the node the tree would hold (text, null and int values directly, other scalars through
     * the same deserializer); an object field seen again replaces what was read before, as in the tree; a scalar or
     * null where an object is read leaves its values missing, as {@code path} does. What it does not follow (an object
     * or array where a value is read, orderItems that is not an array) marks the order not plain.
     */
    private static final class TokenReader {
        private final JsonParser p;
        private final OrderValues o = new OrderValues(null);

        TokenReader(JsonParser parser) {
            this.p = parser;
        }

        /** The parser at the order's START_OBJECT; leaves it at its END_OBJECT. */
        OrderValues order() throws IOException {
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                switch (f) {
                    case "orderId" -> o.orderId = value(t);
                    case "createdTime" -> o.createdTime = value(t);
                    case "lastUpdatedTime" -> o.lastUpdatedTime = value(t);
                    case "salesChannel" -> salesChannel(t);
                    case "buyer" -> buyer(t);
                    case "recipient" -> recipient(t);
                    case "proceeds" -> proceeds(t);
                    case "fulfillment" -> fulfillment(t);
                    case ORDER_ITEMS -> items(t);
                    default -> p.skipChildren();
                }
            }
            return o;
        }

        private void salesChannel(JsonToken t) throws IOException {
            o.marketplaceId = MISSING;
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    if (f.equals("marketplaceId")) {
                        o.marketplaceId = value(v);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private void buyer(JsonToken t) throws IOException {
            o.buyerName = MISSING;
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    if (f.equals("buyerName")) {
                        o.buyerName = value(v);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private void recipient(JsonToken t) throws IOException {
            Arrays.fill(o.address, MISSING);
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    if (f.equals("deliveryAddress")) {
                        deliveryAddress(v);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private void deliveryAddress(JsonToken t) throws IOException {
            Arrays.fill(o.address, MISSING);
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    int a = addressField(f);
                    if (a >= 0) {
                        o.address[a] = value(v);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private static int addressField(String f) {
            for (int a = 0; a < ADDRESS_FIELDS.length; a++) {
                if (ADDRESS_FIELDS[a].equals(f)) {
                    return a;
                }
            }
            return -1;
        }

        private void proceeds(JsonToken t) throws IOException {
            JsonNode[] total = money(t, "grandTotal");
            o.totalAmount = total[0];
            o.totalCurrency = total[1];
        }

        /** {amount, currencyCode} of an object's field (proceeds.grandTotal, price.unitPrice); missing where absent. */
        private JsonNode[] money(JsonToken t, String field) throws IOException {
            JsonNode[] money = {MISSING, MISSING};
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    if (f.equals(field)) {
                        money[0] = money[1] = MISSING;
                        if (enter(v)) {
                            for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                                JsonToken w = p.nextToken();
                                switch (g) {
                                    case "amount" -> money[0] = value(w);
                                    case "currencyCode" -> money[1] = value(w);
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return money;
        }

        private void fulfillment(JsonToken t) throws IOException {
            o.fulfillmentStatus = o.fulfilledBy = o.shipBy = o.deliverBy = MISSING;
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    switch (f) {
                        case "fulfillmentStatus" -> o.fulfillmentStatus = value(v);
                        case "fulfilledBy" -> o.fulfilledBy = value(v);
                        case "shipByWindow" -> o.shipBy = latestDateTime(v);
                        case "deliverByWindow" -> o.deliverBy = latestDateTime(v);
                        default -> p.skipChildren();
                    }
                }
            }
        }

        private JsonNode latestDateTime(JsonToken t) throws IOException {
            JsonNode latest = MISSING;
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    if (f.equals("latestDateTime")) {
                        latest = value(v);
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return latest;
        }

        private void items(JsonToken t) throws IOException {
            o.items = new ArrayList<>(4);
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                o.plain = false;
                p.skipChildren();
                return;
            }
            int index = 0;
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken(), index++) {
                if (e == null) {
                    throw new MalformedMarketplaceResponseException("searchOrders answered a truncated order");
                }
                if (e == JsonToken.START_OBJECT) {
                    o.items.add(item(index));
                } else {
                    // Not an object: the tree finds no orderItemId in it either, and skips it.
                    p.skipChildren();
                }
            }
        }

        private ItemValues item(int index) throws IOException {
            ItemValues i = new ItemValues(null, index);
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (f) {
                    case "orderItemId" -> i.itemId = value(v);
                    case "quantityOrdered" -> i.quantity = value(v);
                    case "product" -> product(i, v);
                    case "fulfillment" -> {
                        i.quantityFulfilled = MISSING;
                        if (enter(v)) {
                            for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                                JsonToken w = p.nextToken();
                                if (g.equals("quantityFulfilled")) {
                                    i.quantityFulfilled = value(w);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return i;
        }

        private void product(ItemValues i, JsonToken t) throws IOException {
            i.sku = i.asin = i.title = i.amount = i.currency = MISSING;
            if (enter(t)) {
                for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    switch (f) {
                        case "sellerSku" -> i.sku = value(v);
                        case "asin" -> i.asin = value(v);
                        case "title" -> i.title = value(v);
                        case "price" -> price(i, v);
                        default -> p.skipChildren();
                    }
                }
            }
        }

        private void price(ItemValues i, JsonToken t) throws IOException {
            JsonNode[] unit = money(t, "unitPrice");
            i.amount = unit[0];
            i.currency = unit[1];
        }

        /** true at an object's start (read its fields); otherwise skips the value: its fields are missing. */
        private boolean enter(JsonToken t) throws IOException {
            if (t == JsonToken.START_OBJECT) {
                return true;
            }
            p.skipChildren();
            return false;
        }

        /** The node the tree holds for the value at the current token. */
        private JsonNode value(JsonToken t) throws IOException {
            switch (t) {
                case VALUE_STRING:
                    return TextNode.valueOf(p.getText());
                case VALUE_NULL:
                    return NullNode.getInstance();
                case VALUE_NUMBER_INT:
                    if (p.getNumberType() == JsonParser.NumberType.INT) {
                        return IntNode.valueOf(p.getIntValue());
                    }
                    return JSON.readTree(p);
                case START_OBJECT:
                case START_ARRAY:
                    o.plain = false;
                    p.skipChildren();
                    return MISSING;
                default:
                    return JSON.readTree(p);
            }
        }
    }

    static String status(String amazonStatus) {
        return switch (amazonStatus.toUpperCase(Locale.ROOT)) {
            case "PENDING", "PENDING_AVAILABILITY" -> CanonicalOrder.PENDING;
            case "UNSHIPPED" -> CanonicalOrder.UNSHIPPED;
            case "PARTIALLY_SHIPPED" -> CanonicalOrder.PARTIALLY_SHIPPED;
            case "SHIPPED" -> CanonicalOrder.SHIPPED;
            case "CANCELLED", "CANCELED" -> CanonicalOrder.CANCELLED;
            case "UNFULFILLABLE" -> CanonicalOrder.UNFULFILLABLE;
            default -> amazonStatus.toUpperCase(Locale.ROOT);
        };
    }


    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? instant(node.asText()) : null;
    }

    /**
     * An RFC 3339 / ISO-8601 timestamp, or null if it is none. The common form (date 'T' time, optional fraction,
     * 'Z' or an offset) is parsed by ITU, several times faster than DateTimeFormatter; its result is taken only when
     * ITU read the whole text and the separator is 'T', forms it reads exactly as the JDK does. Anything else (no
     * seconds, 24:00, a leap second, '-00:00', a space separator, bad input) goes to the JDK's parsers as before, which
     * decide what is accepted.
     */
    static Instant instant(String text) {
        if (text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == 't')) {
            try {
                ParsePosition position = new ParsePosition(0);
                OffsetDateTime parsed = ITU.parseDateTime(text, position);
                if (parsed != null && position.getIndex() == text.length()) {
                    return parsed.toInstant();
                }
            } catch (RuntimeException e) {
                // not the common form: the JDK decides below
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

}
