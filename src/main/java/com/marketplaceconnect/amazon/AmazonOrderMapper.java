package com.marketplaceconnect.amazon;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderBatches;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps Orders API v2026-01-01 orders to canonical orders: each order is read with Jackson into {@link AmazonOrder}
 * (records named as in Amazon's model) and mapped from there, whether it comes from a page's stream or from a tree.
 * Tolerant of what Amazon leaves out (pending orders have no address or totals) and of values it adds later (unknown
 * statuses are kept as they are); a value of an unexpected type is read as no value. An order without an id or
 * last-updated time cannot be stored safely and is skipped with a warning, and so is one that cannot be read at all.
 */
@Component("amazonOrderMapper")
public class AmazonOrderMapper {
    private static final Logger log = LoggerFactory.getLogger(AmazonOrderMapper.class);
    private static final String ORDER_ITEMS = "orderItems";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule().addDeserializer(Integer.class, new LenientCount()))
            .addHandler(new WrongTypeIsNoValue());
    private static final ObjectReader ORDER = JSON.readerFor(AmazonOrder.class);

    /**
     * Route step: body = one searchOrders response (bytes); sets the page's canonical orders and the next token.
     * The page is read as a stream, one order at a time; each order keeps the text it was read from as its raw JSON
     * (its items name their place in it), so no tree is built. Broken JSON is a JsonProcessingException, an
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
                    JsonStreamContext array = parser.getParsingContext();
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
                        AmazonOrder order = read(parser, array, body, start);
                        if (order == null) {
                            continue;
                        }
                        int end = (int) parser.currentLocation().getByteOffset();
                        CanonicalOrder mapped = canonical(order, null, new String(body, start, end - start, StandardCharsets.UTF_8));
                        if (mapped != null) {
                            orders.add(mapped);
                        }
                    }
                } else if ("pagination".equals(field) && value == JsonToken.START_OBJECT) {
                    token = nextToken(parser);
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

    /**
     * The order at the parser's START_OBJECT, leaving the parser at its END_OBJECT. Jackson builds a record as soon as
     * it has read all of its fields, so a field repeated after that cannot be read from the stream: such an order is
     * read again from its tree, where the last copy of a field counts (as everywhere else). An order that cannot be
     * read even so is null, with a warning.
     */
    private static AmazonOrder read(JsonParser parser, JsonStreamContext array, byte[] body, int start) throws IOException {
        try {
            return ORDER.readValue(parser);
        } catch (StreamReadException broken) {
            throw broken;
        } catch (DatabindException unreadable) {
            while (!(parser.currentToken() == JsonToken.END_OBJECT && parser.getParsingContext() == array)) {
                if (parser.nextToken() == null) {
                    throw new MalformedMarketplaceResponseException("searchOrders answered a truncated order");
                }
            }
            int end = (int) parser.currentLocation().getByteOffset();
            try {
                return ORDER.readValue(JSON.readTree(new String(body, start, end - start, StandardCharsets.UTF_8)));
            } catch (DatabindException still) {
                log.warn("Skipping an Amazon order that cannot be read: {}", still.getOriginalMessage());
                return null;
            }
        }
    }

    /** pagination.nextToken, the parser at pagination's START_OBJECT; leaves it at its END_OBJECT. */
    private static String nextToken(JsonParser parser) throws IOException {
        String token = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("nextToken".equals(field) && value == JsonToken.VALUE_STRING) {
                token = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return token;
    }

    /** An order given as a tree (tests, tools): mapped as a page's order, the tree kept as its raw JSON. */
    public CanonicalOrder map(JsonNode order) {
        AmazonOrder read;
        try {
            read = ORDER.readValue(order);
        } catch (IOException e) {
            log.warn("Skipping an Amazon order that cannot be read: {}", e.getMessage());
            return null;
        }
        return canonical(read, order, null);
    }

    /** One order; {@code raw} (a tree) or {@code rawJson} (its text) is its raw JSON. */
    private static CanonicalOrder canonical(AmazonOrder o, JsonNode raw, String rawJson) {
        String orderId = text(o.orderId());
        Instant updated = instant(o.lastUpdatedTime());
        if (orderId == null || updated == null) {
            log.warn("Skipping an Amazon order without orderId or lastUpdatedTime (orderId={})", orderId);
            return null;
        }
        String marketplaceId = o.salesChannel() == null ? null : text(o.salesChannel().marketplaceId());
        String code = AmazonMarketplace.byId(marketplaceId).map(Enum::name).orElse(marketplaceId);
        AmazonOrder.Fulfillment fulfillment = o.fulfillment();
        String amazonStatus = fulfillment == null || text(fulfillment.fulfillmentStatus()) == null
                ? "UNKNOWN" : fulfillment.fulfillmentStatus();
        boolean byAmazon = fulfillment != null && "AMAZON".equalsIgnoreCase(fulfillment.fulfilledBy());
        return new CanonicalOrder("AMAZON", code, orderId, status(amazonStatus), amazonStatus,
                byAmazon ? CanonicalOrder.BY_MARKETPLACE : CanonicalOrder.BY_SELLER,
                instant(o.createdTime()), updated,
                money(o.proceeds() == null ? null : o.proceeds().grandTotal()),
                o.buyer() == null ? null : text(o.buyer().buyerName()),
                address(o.recipient() == null ? null : o.recipient().deliveryAddress()),
                fulfillment == null ? null : new CanonicalOrder.ShipWindow(latest(fulfillment.shipByWindow()),
                        latest(fulfillment.deliverByWindow())),
                raw, items(o.orderItems()), rawJson);
    }

    /**
     * The items with an id (others cannot be stored), each naming its element of orderItems as its raw JSON: the
     * statement takes it from the order's raw JSON instead of receiving it again.
     */
    private static List<CanonicalOrderItem> items(List<AmazonOrder.OrderItem> orderItems) {
        if (orderItems == null) {
            return List.of();
        }
        List<CanonicalOrderItem> items = new ArrayList<>(orderItems.size());
        for (int index = 0; index < orderItems.size(); index++) {
            AmazonOrder.OrderItem item = orderItems.get(index);
            String itemId = item == null ? null : text(item.orderItemId());
            if (itemId == null) {
                continue;
            }
            AmazonOrder.Product product = item.product() == null ? new AmazonOrder.Product(null, null, null, null) : item.product();
            items.add(new CanonicalOrderItem(itemId, text(product.sellerSku()), text(product.asin()), text(product.title()),
                    count(item.quantityOrdered()), count(item.fulfillment() == null ? null : item.fulfillment().quantityFulfilled()),
                    money(product.price() == null ? null : product.price().unitPrice()), null, null, null,
                    new CanonicalOrderItem.RawPlace(ORDER_ITEMS, index)));
        }
        return items;
    }

    /** recipient.deliveryAddress; its third line joins the second. */
    private static CanonicalOrder.Address address(AmazonOrder.Address a) {
        if (a == null) {
            return null;
        }
        return new CanonicalOrder.Address(text(a.name()), text(a.addressLine1()), join(text(a.addressLine2()), text(a.addressLine3())),
                text(a.city()), text(a.stateOrRegion()), text(a.postalCode()), text(a.countryCode()));
    }

    private static CanonicalOrder.Money money(AmazonOrder.Money m) {
        return m == null ? null : new CanonicalOrder.Money(decimal(m.amount()), text(m.currencyCode()));
    }

    private static Instant latest(AmazonOrder.DateTimeWindow window) {
        return window == null ? null : instant(window.latestDateTime());
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

    /** A value's text, or null for none or an empty one (an empty orderId or SKU is no id or SKU). */
    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal decimal(String amount) {
        if (amount == null) {
            return null;
        }
        try {
            return new BigDecimal(amount);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    /**
     * An RFC 3339 / ISO-8601 timestamp, or null if it is none. The common form (date 'T' time, optional fraction,
     * 'Z' or an offset) is parsed by ITU, several times faster than DateTimeFormatter; its result is taken only when
     * ITU read the whole text and the separator is 'T', forms it reads exactly as the JDK does. Anything else (no
     * seconds, 24:00, a leap second, '-00:00', a space separator, bad input) goes to the JDK's parsers as before, which
     * decide what is accepted.
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
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

    /**
     * A value of another type than the model's (an object or array where text is, text where an object is) is read as
     * no value, as if it were missing; numbers and booleans where text is are read as their text.
     */
    private static final class WrongTypeIsNoValue extends DeserializationProblemHandler {
        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsts,
                                                JsonParser p, String msg) throws IOException {
            p.skipChildren();
            return null;
        }
    }

    /**
     * A count (quantityOrdered, quantityFulfilled): a whole number, or text or a fraction holding one (its whole part);
     * anything else, or a number beyond an int, is no count.
     */
    private static final class LenientCount extends JsonDeserializer<Integer> {
        private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE), MIN = BigDecimal.valueOf(Integer.MIN_VALUE);

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                    return p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
                case VALUE_NUMBER_FLOAT:
                    return whole(p.getDecimalValue());
                case VALUE_STRING:
                    try {
                        return whole(new BigDecimal(p.getText().trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                default:
                    p.skipChildren();
                    return null;
            }
        }

        private static Integer whole(BigDecimal value) {
            return value.compareTo(MAX) > 0 || value.compareTo(MIN) < 0 ? null : value.intValue();
        }
    }
}
