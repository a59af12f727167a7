package com.marketplaceconnect.shopify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.JsonValues;
import com.marketplaceconnect.orders.OrderRows;

/**
 * Shopify orders into the canonical order, from both shapes Shopify sends: the GraphQL Admin API's Order node (the
 * reconciliation sync) and the REST-shaped payload of the orders/* webhooks. Both key the order by its numeric id
 * (GraphQL legacyResourceId, REST id) and its lines by theirs, so a webhook's copy and a synced copy are one row, the
 * newer by updated_at winning. The order's name (#1001) and number stay in the raw JSON, which is kept as received.
 * Status: cancelled → CANCELLED; else from the fulfillment status (unfulfilled → UNSHIPPED, partially → PARTIALLY_SHIPPED,
 * fulfilled → SHIPPED, on hold → ON_HOLD); marketplace_status keeps Shopify's financial and fulfillment status.
 */
@Component("shopifyOrderMapper")
public class ShopifyOrderMapper {

    /** A GraphQL Order node. */
    public CanonicalOrder fromGraphql(JsonNode node) {
        String fulfillment = upper(JsonValues.text(node, "displayFulfillmentStatus"), "UNFULFILLED");
        String financial = upper(JsonValues.text(node, "displayFinancialStatus"), null);
        boolean cancelled = JsonValues.text(node, "cancelledAt") != null;
        JsonNode money = node.path("totalPriceSet").path("shopMoney");
        String currency = JsonValues.text(node, "currencyCode");
        JsonNode customer = node.path("customer");
        JsonNode ship = node.path("shippingAddress");
        List<CanonicalOrderItem> items = new ArrayList<>();
        for (JsonNode line : node.path("lineItems").path("nodes")) {
            JsonNode unit = line.path("originalUnitPriceSet").path("shopMoney");
            int quantity = line.path("quantity").asInt();
            int shipped = line.has("unfulfilledQuantity") ? Math.max(0, quantity - line.path("unfulfilledQuantity").asInt()) : 0;
            items.add(new CanonicalOrderItem(numericId(JsonValues.text(line, "id")), JsonValues.text(line, "sku"),
                    numericId(JsonValues.text(line.path("product"), "id")), JsonValues.text(line, "title"), quantity,
                    cancelled ? 0 : shipped, new CanonicalOrder.Money(JsonValues.decimal(unit.path("amount")),
                    coalesce(JsonValues.text(unit, "currencyCode"), currency)), null, null, line, null));
        }
        String id = JsonValues.text(node, "legacyResourceId");
        return new CanonicalOrder(ShopifyConnector.MARKETPLACE, null, id != null ? id : numericId(JsonValues.text(node, "id")),
                status(cancelled, fulfillment), marketplaceStatus(financial, fulfillment, cancelled), CanonicalOrder.BY_SELLER,
                instant(JsonValues.text(node, "createdAt")), instant(JsonValues.text(node, "updatedAt")),
                new CanonicalOrder.Money(JsonValues.decimal(money.path("amount")), coalesce(JsonValues.text(money, "currencyCode"), currency)),
                buyerName(JsonValues.text(customer, "firstName"), JsonValues.text(customer, "lastName"), JsonValues.text(ship, "name")),
                new CanonicalOrder.Address(JsonValues.text(ship, "name"), JsonValues.text(ship, "address1"), JsonValues.text(ship, "address2"),
                        JsonValues.text(ship, "city"), coalesce(JsonValues.text(ship, "provinceCode"), JsonValues.text(ship, "province")),
                        JsonValues.text(ship, "zip"), JsonValues.text(ship, "countryCodeV2")),
                null, node, items);
    }

    /** An orders/create, orders/updated or orders/cancelled webhook's payload; {@code rawJson}: the body as received. */
    public CanonicalOrder fromWebhook(JsonNode payload, String rawJson) {
        String fulfillment = restFulfillment(JsonValues.text(payload, "fulfillment_status"));
        String financial = upper(JsonValues.text(payload, "financial_status"), null);
        boolean cancelled = JsonValues.text(payload, "cancelled_at") != null;
        String currency = JsonValues.text(payload, "currency");
        JsonNode customer = payload.path("customer");
        JsonNode ship = payload.path("shipping_address");
        List<CanonicalOrderItem> items = new ArrayList<>();
        int index = 0;
        for (JsonNode line : payload.path("line_items")) {
            int quantity = line.path("quantity").asInt();
            String lineStatus = JsonValues.text(line, "fulfillment_status");
            int shipped = "fulfilled".equals(lineStatus) ? quantity
                    : "partial".equals(lineStatus) ? Math.max(0, quantity - line.path("fulfillable_quantity").asInt(quantity)) : 0;
            items.add(new CanonicalOrderItem(JsonValues.text(line, "id"), JsonValues.text(line, "sku"),
                    JsonValues.text(line, "product_id"), JsonValues.text(line, "title"), quantity, shipped,
                    new CanonicalOrder.Money(JsonValues.decimal(line.path("price")), currency), null, null, null,
                    new CanonicalOrderItem.RawPlace("line_items", index++)));
        }
        return new CanonicalOrder(ShopifyConnector.MARKETPLACE, null, JsonValues.text(payload, "id"),
                status(cancelled, fulfillment), marketplaceStatus(financial, fulfillment, cancelled), CanonicalOrder.BY_SELLER,
                instant(JsonValues.text(payload, "created_at")), instant(JsonValues.text(payload, "updated_at")),
                new CanonicalOrder.Money(JsonValues.decimal(payload.path("total_price")), currency),
                buyerName(JsonValues.text(customer, "first_name"), JsonValues.text(customer, "last_name"), JsonValues.text(ship, "name")),
                new CanonicalOrder.Address(JsonValues.text(ship, "name"), JsonValues.text(ship, "address1"), JsonValues.text(ship, "address2"),
                        JsonValues.text(ship, "city"), coalesce(JsonValues.text(ship, "province_code"), JsonValues.text(ship, "province")),
                        JsonValues.text(ship, "zip"), JsonValues.text(ship, "country_code")),
                null, payload, items, rawJson);
    }

    /** Route step: a page's order nodes (body: the answer's data) as the store step's rows (OrderRows' parameters). */
    public Map<String, Object> page(JsonNode data) {
        OrderRows rows = new OrderRows();
        for (JsonNode node : data.path("orders").path("nodes")) {
            rows.add(fromGraphql(node));
        }
        return rows.parameters();
    }

    /** One webhook's order as the store step's rows. */
    public Map<String, Object> webhookRows(JsonNode payload, String rawJson) {
        return OrderRows.of(List.of(fromWebhook(payload, rawJson))).parameters();
    }

    static String status(boolean cancelled, String fulfillment) {
        if (cancelled) {
            return CanonicalOrder.CANCELLED;
        }
        return switch (fulfillment) {
            case "FULFILLED" -> CanonicalOrder.SHIPPED;
            case "PARTIALLY_FULFILLED" -> CanonicalOrder.PARTIALLY_SHIPPED;
            case "ON_HOLD" -> CanonicalOrder.ON_HOLD;
            case "RESTOCKED" -> CanonicalOrder.CANCELLED;
            default -> CanonicalOrder.UNSHIPPED;
        };
    }

    private static String marketplaceStatus(String financial, String fulfillment, boolean cancelled) {
        return (financial == null ? "" : financial + " ") + fulfillment + (cancelled ? " CANCELLED" : "");
    }

    /** REST's fulfillment_status (null, partial, fulfilled, restocked) in GraphQL's words. */
    private static String restFulfillment(String status) {
        if (status == null) {
            return "UNFULFILLED";
        }
        return switch (status) {
            case "partial" -> "PARTIALLY_FULFILLED";
            default -> status.toUpperCase(Locale.ROOT);
        };
    }

    private static String buyerName(String first, String last, String fallback) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? fallback : name;
    }

    /** gid://shopify/LineItem/123 → 123; a plain id as it is. */
    static String numericId(String id) {
        if (id == null) {
            return null;
        }
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }

    private static String upper(String s, String fallback) {
        return s == null ? fallback : s.toUpperCase(Locale.ROOT);
    }

    private static String coalesce(String a, String b) {
        return a != null ? a : b;
    }

}
