package com.marketplaceconnect.shopify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.shipments.PermanentPushException;
import com.marketplaceconnect.shipments.ShipmentPush;

/**
 * The tracking push's decisions (routes/tracking-push-shopify.yaml). A package goes out as one fulfillment
 * (fulfillmentCreate) of the event's lines on the order's open fulfillment orders at merchant-managed locations; its
 * id is kept per package (shopify_fulfillment), so a later event of the same package (a new tracking number) becomes
 * fulfillmentTrackingInfoUpdate. userErrors in a 200 are failures with Shopify's message: permanent (FAILED) unless
 * Shopify says to try again. An order that already carries a fulfillment with the event's tracking number (an earlier
 * attempt whose answer was lost, a crash before the row was settled) is PUSHED without a second fulfillment.
 */
@Component("shopifyPush")
public class ShopifyPush {
    public static final String PUSH = "shipmentPush";
    private static final Logger log = LoggerFactory.getLogger(ShopifyPush.class);
    /** Fulfillment order statuses whose remaining lines can be fulfilled. */
    private static final List<String> FULFILLABLE = List.of("OPEN", "IN_PROGRESS");

    private final JdbcTemplate jdbc;

    public ShopifyPush(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The fulfillment of the event's package pushed before, or null (then a new one is created). */
    public String knownFulfillment(ShipmentPush push) {
        List<String> ids = jdbc.queryForList("select fulfillment_id from shopify_fulfillment where order_id = ? and package_reference_id = ?",
                String.class, push.orderId(), push.packageReferenceId());
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Route step after the fulfillmentOrders query (body: data): the lines to fulfil, or the fulfillment that exists. */
    public ShopifyFulfillmentPlan plan(ShipmentPush push, JsonNode data) {
        JsonNode order = data.path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw new PermanentPushException("Shopify knows no order " + push.marketplaceOrderId() + " in this shop");
        }
        String trackingNumber = push.event().path("trackingNumber").asText();
        for (JsonNode fulfillment : order.path("fulfillments")) {
            for (JsonNode tracking : fulfillment.path("trackingInfo")) {
                if (trackingNumber.equals(tracking.path("number").asText())) {
                    return new ShopifyFulfillmentPlan(Map.of(), push.event(), fulfillment.path("id").asText());
                }
            }
        }
        // Remaining quantity per order line, on each fulfillable fulfillment order at a merchant's location.
        Map<String, Map<String, Integer>> lines = new LinkedHashMap<>();
        for (JsonNode item : push.items()) {
            String lineItemId = item.path("orderItemId").asText();
            int wanted = item.path("quantity").asInt();
            for (JsonNode fo : order.path("fulfillmentOrders").path("nodes")) {
                if (wanted == 0) break;
                if (!FULFILLABLE.contains(fo.path("status").asText().toUpperCase(Locale.ROOT)) || !merchantManaged(fo)) continue;
                for (JsonNode line : fo.path("lineItems").path("nodes")) {
                    if (wanted == 0) break;
                    if (!lineItemId.equals(ShopifyOrderMapper.numericId(line.path("lineItem").path("id").asText()))) continue;
                    int take = Math.min(wanted, line.path("remainingQuantity").asInt());
                    if (take > 0) {
                        lines.computeIfAbsent(fo.path("id").asText(), k -> new LinkedHashMap<>()).merge(line.path("id").asText(), take, Integer::sum);
                        wanted -= take;
                    }
                }
            }
            if (wanted > 0) {
                throw new PermanentPushException("Shopify has no open fulfillment order (at a merchant-managed location) with "
                        + wanted + " more of line item " + lineItemId + " of order " + push.marketplaceOrderId()
                        + " left to fulfil: it was fulfilled, cancelled or is held elsewhere");
            }
        }
        return new ShopifyFulfillmentPlan(lines, push.event(), null);
    }

    /** Assigned to one of the merchant's locations (not a third-party fulfillment service's). */
    private static boolean merchantManaged(JsonNode fulfillmentOrder) {
        JsonNode location = fulfillmentOrder.path("assignedLocation").path("location");
        return !location.isMissingNode() && !location.isNull();
    }

    /** Route step after fulfillmentCreate (body: data): userErrors fail; the fulfillment's id is kept for updates. */
    public void created(Exchange exchange) {
        JsonNode result = exchange.getMessage().getBody(JsonNode.class).path("fulfillmentCreate");
        userErrors(result, "fulfillmentCreate");
        String fulfillmentId = result.path("fulfillment").path("id").asText(null);
        if (fulfillmentId == null) {
            throw new IllegalStateException("Shopify's fulfillmentCreate answered without a fulfillment and without userErrors");
        }
        remember(exchange.getProperty(PUSH, ShipmentPush.class), fulfillmentId);
    }

    /** Route step when the order already has the event's fulfillment: kept as the package's. */
    public void alreadyFulfilled(Exchange exchange, ShopifyFulfillmentPlan plan) {
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        log.info("Shipment event {}: order {} already has fulfillment {} with tracking {}; not created twice",
                push.eventId(), push.marketplaceOrderId(), plan.existingFulfillmentId(), push.event().path("trackingNumber").asText());
        remember(push, plan.existingFulfillmentId());
    }

    /** Route step after fulfillmentTrackingInfoUpdate (body: data). */
    public void trackingUpdated(Exchange exchange) {
        JsonNode result = exchange.getMessage().getBody(JsonNode.class).path("fulfillmentTrackingInfoUpdate");
        userErrors(result, "fulfillmentTrackingInfoUpdate");
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        remember(push, result.path("fulfillment").path("id").asText(knownFulfillment(push)));
    }

    private void remember(ShipmentPush push, String fulfillmentId) {
        jdbc.update("""
                insert into shopify_fulfillment (order_id, package_reference_id, fulfillment_id, tracking_number, event_id)
                values (?, ?, ?, ?, ?)
                on conflict (order_id, package_reference_id) do update
                   set fulfillment_id = excluded.fulfillment_id, tracking_number = excluded.tracking_number,
                       event_id = excluded.event_id, updated_at = now()
                """, push.orderId(), push.packageReferenceId(), fulfillmentId, push.event().path("trackingNumber").asText(null),
                push.eventId());
    }

    private static void userErrors(JsonNode result, String operation) {
        JsonNode errors = result.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            StringBuilder message = new StringBuilder("Shopify refused " + operation + ":");
            boolean transientError = false;
            for (JsonNode error : errors) {
                String text = error.path("message").asText();
                message.append(' ').append(text);
                if (error.path("field").isArray() && !error.path("field").isEmpty()) {
                    message.append(" (").append(error.path("field").toString()).append(')');
                }
                String lower = text.toLowerCase(Locale.ROOT);
                transientError |= lower.contains("try again") || lower.contains("temporarily") || lower.contains("being processed");
            }
            if (transientError) {
                throw new IllegalStateException(message.toString());
            }
            throw new PermanentPushException(message.toString());
        }
    }
}
