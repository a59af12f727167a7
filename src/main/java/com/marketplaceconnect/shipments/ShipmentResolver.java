package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.marketplaceconnect.shipments.ShipmentLookups.Account;
import com.marketplaceconnect.shipments.ShipmentLookups.Order;
import com.marketplaceconnect.shipments.ShipmentLookups.OrderWithItems;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED;
import static com.marketplaceconnect.shipments.ShipmentExchange.ACCOUNT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.EVENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.LOOKUPS;
import static com.marketplaceconnect.shipments.ShipmentExchange.MARKETPLACE;
import static com.marketplaceconnect.shipments.ShipmentExchange.MARKETPLACE_ORDER_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.PARSED_EVENT;
import static com.marketplaceconnect.shipments.ShipmentExchange.RAW_EVENT;
import static com.marketplaceconnect.shipments.ShipmentExchange.SOURCE;

/**
 * The second intake step: can this (well-formed) event be pushed? A known account, a synced order of it that the seller
 * ships (not FBA) and that is not cancelled, the parcel's items on that order, and the marketplace's own
 * {@link ShipmentRules} (looked up by marketplace name). Anything else is refused with a 422
 * {@link ShipmentRejectedException} naming the field. What passes becomes the {@link AcceptedShipment} the store writes.
 */
@Component("shipmentResolver")
public class ShipmentResolver {
    private static final ShipmentRules NO_RULES = () -> null;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    /** Each marketplace's own shipment rules (ShipmentRules beans of the connectors), by marketplace name. */
    private final Map<String, ShipmentRules> rules = new HashMap<>();

    public ShipmentResolver(JdbcTemplate jdbc, List<ShipmentRules> rules) {
        this.jdbc = jdbc;
        rules.forEach(r -> this.rules.put(r.marketplace(), r));
    }

    /**
     * Route step before a Kafka batch's split (body: the batch's record exchanges): reads the accounts, orders and
     * items all its events name, in two queries, for {@link #resolve} to use (property shipmentLookups). Values that
     * are not JSON objects are passed over here; the parser rejects them with their reason.
     */
    public void lookUpBatch(Exchange exchange) throws InvalidPayloadException {
        List<?> records = exchange.getMessage().getMandatoryBody(List.class);
        List<JsonNode> events = new ArrayList<>(records.size());
        for (Object record : records) {
            Object value = ((Exchange) record).getMessage().getBody();
            if (value instanceof String text && !text.isBlank()) {
                try {
                    JsonNode node = json.readTree(text);
                    if (node != null && node.isObject()) events.add(node);
                } catch (JsonProcessingException unreadable) {
                    // The parser rejects it with its reason.
                }
            }
        }
        ShipmentLookups lookups = new ShipmentLookups(jdbc);
        lookups.preload(events);
        exchange.setProperty(LOOKUPS, lookups);
    }

    /** Route step after the parser (property shipmentEvent): the event resolved into property shipmentAccepted. */
    public void resolve(Exchange exchange) {
        JsonNode event = exchange.getProperty(PARSED_EVENT, JsonNode.class);
        // A Kafka batch's accounts, orders and items were read for all its events at once (lookUpBatch).
        ShipmentLookups lookups = exchange.getProperty(LOOKUPS, ShipmentLookups.class);
        if (lookups == null) {
            lookups = new ShipmentLookups(jdbc);
        }
        Account account = lookups.account(event);
        exchange.setProperty(ACCOUNT_ID, account.id());
        exchange.setProperty(MARKETPLACE, account.marketplace());
        String orderId = event.get("marketplaceOrderId").asText();
        exchange.setProperty(MARKETPLACE_ORDER_ID, orderId);
        OrderWithItems found = lookups.order(account.id(), orderId)
                .orElseThrow(() -> new ShipmentRejectedException(422, "marketplaceOrderId", "Unknown order " + orderId
                        + " of account " + account.id() + ": no such order has been synced (yet) from " + account.marketplace()));
        Order order = found.order();
        if ("MARKETPLACE".equals(order.fulfilledBy())) {
            throw new ShipmentRejectedException(422, "marketplaceOrderId", "Order " + orderId + " is fulfilled by "
                    + account.marketplace() + " (FBA/AFN): the marketplace ships it and reports its tracking itself");
        }
        if ("CANCELLED".equals(order.status())) {
            throw new ShipmentRejectedException(422, "marketplaceOrderId", "Order " + orderId + " is cancelled: it cannot be shipped");
        }
        ShipmentRules marketplaceRules = rules.getOrDefault(account.marketplace(), NO_RULES);
        List<OrderItem> orderItems = marketplaceRules.shippable(event, orderId, found.items());
        ArrayNode items = items(orderItems, event.get("items"), marketplaceRules);
        marketplaceRules.checkParcel(orderId, orderItems, items);
        exchange.setProperty(ACCEPTED, new AcceptedShipment(exchange.getProperty(EVENT_ID, String.class),
                exchange.getProperty(SOURCE, String.class), account.id(), account.marketplace(), order.id(), orderId,
                items.toString(), packageKey(items), exchange.getProperty(RAW_EVENT, String.class)));
    }

    /**
     * The parcel's content as [{orderItemId, sku, quantity}]: named items by id or SKU, or every item in full (for
     * some marketplaces every item their rules do not leave out).
     */
    private ArrayNode items(List<OrderItem> orderItems, JsonNode requested, ShipmentRules marketplaceRules) {
        ArrayNode result = json.createArrayNode();
        if (requested == null) {
            for (OrderItem item : orderItems) {
                if (marketplaceRules.leftOutOfWholeOrder(item)) continue;
                result.addObject().put("orderItemId", item.orderItemId()).put("sku", item.sku()).put("quantity", item.quantity());
            }
            if (result.isEmpty()) {
                throw new ShipmentRejectedException(422, "items", "The synced order has no items to ship");
            }
            return result;
        }
        Map<String, Long> quantities = new LinkedHashMap<>();
        Map<String, OrderItem> byId = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            JsonNode r = requested.get(i);
            String path = "items[" + i + "]";
            OrderItem match = orderItems.stream()
                    .filter(it -> r.has("orderItemId") ? r.get("orderItemId").asText().equals(it.orderItemId())
                            : r.get("sku").asText().equals(it.sku()))
                    .findFirst()
                    .orElseThrow(() -> new ShipmentRejectedException(422, path, "The order has no item "
                            + (r.has("orderItemId") ? "with orderItemId " + r.get("orderItemId").asText() : "with SKU " + r.get("sku").asText())));
            byId.put(match.orderItemId(), match);
            // Counted in long (the parser made sure each fits): an int sum of two big lines could go negative.
            quantities.merge(match.orderItemId(), r.get("quantity").asLong(), ShipmentResolver::saturatedSum);
        }
        for (var e : quantities.entrySet()) {
            OrderItem item = byId.get(e.getKey());
            if (e.getValue() > item.quantity()) {
                throw new ShipmentRejectedException(422, "items", "Quantity " + e.getValue() + " of item " + e.getKey()
                        + " is more than the " + item.quantity() + " ordered");
            }
            result.addObject().put("orderItemId", item.orderItemId()).put("sku", item.sku()).put("quantity", e.getValue().intValue());
        }
        return result;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Same content, same package: a later event with the same items updates that package's tracking. */
    private static String packageKey(ArrayNode items) {
        List<String> parts = new ArrayList<>();
        items.forEach(i -> parts.add(i.get("orderItemId").asText() + "x" + i.get("quantity").asInt()));
        parts.sort(null);
        return String.join(",", parts);
    }
}
