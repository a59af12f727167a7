package com.marketplaceconnect.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sync.SyncWindow;

/**
 * The bodies of Shopify's GraphQL calls: each a {@code {"query", "variables"}} document whose query is one of the
 * operation files in {@code shopify/*.graphql}, with the variables of this call. Never the call itself (the routes
 * make it).
 */
@Component("shopifyRequests")
public class ShopifyRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopifyProperties properties;
    private final String ordersQuery = load("orders.graphql");
    private final String fulfillmentOrdersQuery = load("fulfillment-orders.graphql");
    private final String fulfillmentCreateMutation = load("fulfillment-create.graphql");
    private final String trackingUpdateMutation = load("fulfillment-tracking-update.graphql");
    private final String webhookSubscriptionMutation = load("webhook-subscription-create.graphql");

    public ShopifyRequests(ShopifyProperties properties) {
        this.properties = properties;
    }

    /** One page of the window's orders: {@code updated_at:>='<from>'}, sorted by update, after the cursor (null: first page). */
    public String ordersPage(SyncWindow window, String cursor) {
        ObjectNode variables = JSON.createObjectNode();
        variables.put("first", properties.sync().pageSize());
        if (cursor == null) {
            variables.putNull("after");
        } else {
            variables.put("after", cursor);
        }
        // Only a lower bound: an order updated while the run pages is fetched now rather than next cycle.
        variables.put("query", "updated_at:>='" + window.from().truncatedTo(ChronoUnit.SECONDS) + "'");
        variables.put("lineItems", properties.sync().lineItemsPerOrder());
        return body(ordersQuery, variables);
    }

    public String fulfillmentOrders(String orderId) {
        ObjectNode variables = JSON.createObjectNode();
        variables.put("id", orderGid(orderId));
        return body(fulfillmentOrdersQuery, variables);
    }

    /** fulfillmentCreate of the planned lines with the event's tracking. */
    public String fulfillmentCreate(ShopifyFulfillmentPlan plan) {
        ObjectNode fulfillment = JSON.createObjectNode();
        ArrayNode byOrder = fulfillment.putArray("lineItemsByFulfillmentOrder");
        plan.lines().forEach((fulfillmentOrderId, lines) -> {
            ObjectNode entry = byOrder.addObject();
            entry.put("fulfillmentOrderId", fulfillmentOrderId);
            ArrayNode items = entry.putArray("fulfillmentOrderLineItems");
            lines.forEach((lineId, quantity) -> items.addObject().put("id", lineId).put("quantity", quantity));
        });
        fulfillment.set("trackingInfo", trackingInfo(plan.event()));
        fulfillment.put("notifyCustomer", properties.push().notifyCustomer());
        ObjectNode variables = JSON.createObjectNode();
        variables.set("fulfillment", fulfillment);
        return body(fulfillmentCreateMutation, variables);
    }

    public String trackingUpdate(String fulfillmentId, JsonNode event) {
        ObjectNode variables = JSON.createObjectNode();
        variables.put("fulfillmentId", fulfillmentId);
        variables.set("trackingInfoInput", trackingInfo(event));
        variables.put("notifyCustomer", properties.push().notifyCustomer());
        return body(trackingUpdateMutation, variables);
    }

    /** topic as Shopify writes it in webhooks (orders/create) → the enum (ORDERS_CREATE). */
    public String webhookSubscription(String topic, String callbackUrl) {
        ObjectNode variables = JSON.createObjectNode();
        variables.put("topic", topic.toUpperCase(java.util.Locale.ROOT).replace('/', '_'));
        ObjectNode subscription = variables.putObject("webhookSubscription");
        subscription.put("uri", callbackUrl);
        subscription.put("format", "JSON");
        return body(webhookSubscriptionMutation, variables);
    }

    private static ObjectNode trackingInfo(JsonNode event) {
        ObjectNode tracking = JSON.createObjectNode();
        String company = event.hasNonNull("carrierName") ? event.get("carrierName").asText() : event.path("carrierCode").asText();
        tracking.put("company", company);
        tracking.put("number", event.path("trackingNumber").asText());
        if (event.hasNonNull("trackingUrl")) {
            tracking.put("url", event.get("trackingUrl").asText());
        }
        return tracking;
    }

    static String orderGid(String orderId) {
        return orderId.startsWith("gid://") ? orderId : "gid://shopify/Order/" + orderId;
    }

    static String body(String query, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", variables);
        return body.toString();
    }

    static String load(String name) {
        try (InputStream in = ShopifyRequests.class.getResourceAsStream("/shopify/" + name)) {
            if (in == null) {
                throw new IllegalStateException("shopify/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
