package com.marketplaceconnect.amazon;

import static com.marketplaceconnect.orders.JsonValues.decimal;
import static com.marketplaceconnect.orders.JsonValues.text;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderBatches;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    /**
     * Route step: body = one searchOrders response (bytes); sets the page's canonical orders and the next token.
     * The page is read as a stream, one order's tree at a time, and each order keeps the text it was read from as its
     * raw JSON, so storing it does not render the tree again. Broken JSON is a JsonProcessingException, an
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
                        JsonNode order = JSON.readTree(parser);
                        int end = (int) parser.currentLocation().getByteOffset();
                        CanonicalOrder mapped = map(order, new String(body, start, end - start, StandardCharsets.UTF_8));
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

    /** {@code rawJson}: the order's JSON text as received, or null. */
    CanonicalOrder map(JsonNode o, String rawJson) {
        String orderId = text(o, "orderId");
        Instant updated = instant(o.path("lastUpdatedTime"));
        if (orderId == null || updated == null) {
            log.warn("Skipping an Amazon order without orderId or lastUpdatedTime (orderId={})", orderId);
            return null;
        }
        String marketplaceId = o.path("salesChannel").path("marketplaceId").asText(null);
        String code = AmazonMarketplace.byId(marketplaceId).map(Enum::name).orElse(marketplaceId);
        JsonNode fulfillment = o.path("fulfillment");
        String amazonStatus = fulfillment.path("fulfillmentStatus").asText("UNKNOWN");
        JsonNode address = o.path("recipient").path("deliveryAddress");
        JsonNode total = o.path("proceeds").path("grandTotal");
        List<CanonicalOrderItem> items = new ArrayList<>();
        for (JsonNode item : o.path("orderItems")) {
            String itemId = text(item, "orderItemId");
            if (itemId == null) {
                continue;
            }
            JsonNode product = item.path("product");
            JsonNode unitPrice = product.path("price").path("unitPrice");
            items.add(new CanonicalOrderItem(itemId, text(product, "sellerSku"), text(product, "asin"), text(product, "title"),
                    item.path("quantityOrdered").asInt(0), item.path("fulfillment").path("quantityFulfilled").asInt(0),
                    decimal(unitPrice.path("amount")), text(unitPrice, "currencyCode"), null, item));
        }
        return new CanonicalOrder("AMAZON", code, orderId, status(amazonStatus), amazonStatus,
                "AMAZON".equalsIgnoreCase(fulfillment.path("fulfilledBy").asText()) ? CanonicalOrder.BY_MARKETPLACE : CanonicalOrder.BY_SELLER,
                instant(o.path("createdTime")), updated, text(total, "currencyCode"), decimal(total.path("amount")),
                text(o.path("buyer"), "buyerName"), text(address, "name"), text(address, "addressLine1"),
                join(text(address, "addressLine2"), text(address, "addressLine3")), text(address, "city"),
                text(address, "stateOrRegion"), text(address, "postalCode"), text(address, "countryCode"),
                instant(fulfillment.path("shipByWindow").path("latestDateTime")),
                instant(fulfillment.path("deliverByWindow").path("latestDateTime")), o, items, rawJson);
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
