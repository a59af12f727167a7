package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's objects as GraphQL Admin API objects: maps keyed by Shopify's field names (the default data fetcher
 * reads them); {@code __source} carries the object for the fields with arguments, {@code __typename} the concrete
 * type of an interface or union.
 */
final class Views {

    private Views() {
    }

    static Map<String, Object> shop(ShopifyShop s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "Shop");
        m.put("id", s.gid());
        m.put("name", s.name());
        m.put("email", s.email());
        m.put("contactEmail", s.email());
        m.put("myshopifyDomain", s.domain());
        m.put("url", "https://" + s.domain());
        m.put("currencyCode", s.currency());
        m.put("ianaTimezone", s.timezone().getId());
        m.put("timezoneAbbreviation", s.timezone().getRules().isDaylightSavings(Instant.now()) ? "EDT" : "EST");
        m.put("plan", Map.of("displayName", "Development", "partnerDevelopment", true, "shopifyPlus", false));
        return m;
    }

    static Map<String, Object> order(ShopifyOrder o) {
        if (o == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "Order");
        m.put("__source", o);
        m.put("id", o.gid());
        m.put("legacyResourceId", Long.toString(o.id()));
        m.put("name", o.name());
        m.put("number", o.number());
        m.put("email", o.email());
        m.put("phone", o.phone());
        m.put("note", o.note());
        m.put("tags", o.tags());
        m.put("test", o.test());
        m.put("confirmed", true);
        m.put("createdAt", o.createdAt());
        m.put("updatedAt", o.updatedAt());
        m.put("processedAt", o.processedAt());
        m.put("cancelledAt", o.cancelledAt());
        m.put("cancelReason", o.cancelReason() == null ? null : o.cancelReason().toUpperCase(Locale.ROOT));
        m.put("closed", o.closed());
        m.put("closedAt", o.closedAt());
        m.put("displayFinancialStatus", o.displayFinancialStatus());
        m.put("displayFulfillmentStatus", o.displayFulfillmentStatus());
        m.put("currencyCode", o.currency());
        m.put("presentmentCurrencyCode", o.currency());
        m.put("sourceName", "web");
        m.put("poNumber", null);
        String c = o.currency();
        m.put("totalPriceSet", bag(o.total(), c));
        m.put("subtotalPriceSet", bag(o.subtotal(), c));
        m.put("totalTaxSet", bag(o.totalTax(), c));
        m.put("totalShippingPriceSet", bag(o.shippingPrice(), c));
        m.put("totalDiscountsSet", bag(o.totalDiscounts(), c));
        m.put("currentTotalPriceSet", bag(o.cancelled() ? BigDecimal.ZERO : o.total(), c));
        m.put("currentSubtotalPriceSet", bag(o.cancelled() ? BigDecimal.ZERO : o.subtotal(), c));
        m.put("shippingAddress", address(o.shippingAddress(), o.id()));
        m.put("billingAddress", address(o.billingAddress(), o.id() + 1));
        m.put("customer", customer(o.customer(), o.createdAt()));
        return m;
    }

    static Map<String, Object> bag(BigDecimal amount, String currency) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", ShopifyOrder.money(amount));
        money.put("currencyCode", currency);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shopMoney", money);
        m.put("presentmentMoney", money);
        return m;
    }

    static Map<String, Object> address(Address a, long id) {
        if (a == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "MailingAddress");
        m.put("id", "gid://shopify/MailingAddress/" + id + "?model_name=Address");
        m.put("address1", a.address1());
        m.put("address2", a.address2());
        m.put("city", a.city());
        m.put("company", a.company());
        m.put("country", a.country());
        m.put("countryCodeV2", a.countryCode());
        m.put("firstName", a.firstName());
        m.put("lastName", a.lastName());
        m.put("name", a.name());
        m.put("phone", a.phone());
        m.put("province", a.province());
        m.put("provinceCode", a.provinceCode());
        m.put("zip", a.zip());
        m.put("latitude", null);
        m.put("longitude", null);
        List<String> formatted = new ArrayList<>();
        if (a.company() != null) formatted.add(a.company());
        if (a.address1() != null) formatted.add(a.address1());
        if (a.address2() != null) formatted.add(a.address2());
        formatted.add(String.join(" ", nonNull(a.city(), a.provinceCode(), a.zip())));
        if (a.country() != null) formatted.add(a.country());
        m.put("formatted", formatted);
        return m;
    }

    private static List<String> nonNull(String... s) {
        List<String> l = new ArrayList<>();
        for (String x : s) if (x != null && !x.isBlank()) l.add(x);
        return l;
    }

    static Map<String, Object> customer(Customer c, Instant createdAt) {
        if (c == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "Customer");
        m.put("id", Gids.of("Customer", c.id()));
        m.put("legacyResourceId", Long.toString(c.id()));
        m.put("firstName", c.firstName());
        m.put("lastName", c.lastName());
        m.put("displayName", c.displayName());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("defaultEmailAddress", c.email() == null ? null : Map.of("emailAddress", c.email()));
        m.put("defaultPhoneNumber", c.phone() == null ? null : Map.of("phoneNumber", c.phone()));
        m.put("createdAt", createdAt);
        m.put("updatedAt", createdAt);
        return m;
    }

    static Map<String, Object> lineItem(LineItem li, ShopifyOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "LineItem");
        m.put("id", Gids.of("LineItem", li.id()));
        m.put("sku", li.sku());
        m.put("name", li.name());
        m.put("title", li.title());
        m.put("variantTitle", li.variantTitle());
        m.put("vendor", li.vendor());
        m.put("quantity", li.quantity());
        m.put("currentQuantity", li.currentQuantity());
        m.put("unfulfilledQuantity", li.fulfillableQuantity());
        m.put("fulfillableQuantity", li.fulfillableQuantity());
        m.put("requiresShipping", true);
        m.put("taxable", true);
        m.put("originalUnitPriceSet", bag(li.price(), o.currency()));
        m.put("discountedUnitPriceSet", bag(li.price(), o.currency()));
        m.put("originalTotalSet", bag(li.price().multiply(BigDecimal.valueOf(li.quantity())), o.currency()));
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("__typename", "ProductVariant");
        variant.put("id", Gids.of("ProductVariant", li.variantId()));
        variant.put("legacyResourceId", Long.toString(li.variantId()));
        variant.put("sku", li.sku());
        variant.put("title", li.variantTitle() == null ? "Default Title" : li.variantTitle());
        variant.put("barcode", null);
        m.put("variant", variant);
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("__typename", "Product");
        product.put("id", Gids.of("Product", li.productId()));
        product.put("legacyResourceId", Long.toString(li.productId()));
        product.put("title", li.title());
        product.put("vendor", li.vendor());
        m.put("product", product);
        return m;
    }

    static Map<String, Object> location(ShopifyShop shop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "Location");
        m.put("id", Gids.of("Location", shop.locationId()));
        m.put("legacyResourceId", Long.toString(shop.locationId()));
        m.put("name", ShopifyShop.LOCATION_NAME);
        m.put("isActive", true);
        m.put("fulfillsOnlineOrders", true);
        return m;
    }

    static Map<String, Object> fulfillmentOrder(FulfillmentOrder fo, ShopifyOrder o, ShopifyShop shop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "FulfillmentOrder");
        m.put("__source", fo);
        m.put("id", fo.gid());
        m.put("orderId", Gids.of("Order", fo.orderId()));
        m.put("orderName", o == null ? "" : o.name());
        m.put("status", fo.status());
        m.put("requestStatus", "UNSUBMITTED");
        List<Map<String, Object>> actions = new ArrayList<>();
        if (fo.status().equals("OPEN") || fo.status().equals("IN_PROGRESS")) {
            for (String a : List.of("CREATE_FULFILLMENT", "MOVE", "HOLD", "SPLIT")) {
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("action", a);
                action.put("externalUrl", null);
                actions.add(action);
            }
        }
        m.put("supportedActions", actions);
        Map<String, Object> assigned = new LinkedHashMap<>();
        assigned.put("name", ShopifyShop.LOCATION_NAME);
        assigned.put("address1", "1 Sandbox Way");
        assigned.put("address2", null);
        assigned.put("city", "Ottawa");
        assigned.put("countryCode", "CA");
        assigned.put("phone", null);
        assigned.put("province", "Ontario");
        assigned.put("zip", "K2P 1L4");
        assigned.put("location", location(shop));
        m.put("assignedLocation", assigned);
        m.put("deliveryMethod", Map.of("__typename", "DeliveryMethod", "id", Gids.of("DeliveryMethod", fo.id()), "methodType", "SHIPPING"));
        m.put("createdAt", fo.createdAt());
        m.put("updatedAt", fo.updatedAt());
        m.put("fulfillAt", fo.createdAt());
        return m;
    }

    static Map<String, Object> fulfillmentOrderLine(FulfillmentOrder.Line l, ShopifyOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "FulfillmentOrderLineItem");
        m.put("id", l.gid());
        m.put("sku", l.lineItem().sku());
        m.put("productTitle", l.lineItem().title());
        m.put("variantTitle", l.lineItem().variantTitle());
        m.put("totalQuantity", l.totalQuantity());
        m.put("remainingQuantity", l.remainingQuantity());
        m.put("lineItem", lineItem(l.lineItem(), o));
        return m;
    }

    static Map<String, Object> fulfillment(Fulfillment f, ShopifyShop shop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "Fulfillment");
        m.put("__source", f);
        m.put("id", f.gid());
        m.put("legacyResourceId", Long.toString(f.id()));
        m.put("name", f.name());
        m.put("status", "SUCCESS");
        m.put("displayStatus", "FULFILLED");
        m.put("createdAt", f.createdAt());
        m.put("updatedAt", f.updatedAt());
        m.put("totalQuantity", f.totalQuantity());
        m.put("location", location(shop));
        return m;
    }

    static Map<String, Object> tracking(Fulfillment.Tracking t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("company", t.company());
        m.put("number", t.number());
        m.put("url", t.url());
        return m;
    }

    static Map<String, Object> fulfillmentLine(Fulfillment.Line l, ShopifyOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "FulfillmentLineItem");
        m.put("id", Gids.of("FulfillmentLineItem", l.id()));
        m.put("quantity", l.quantity());
        m.put("lineItem", lineItem(l.lineItem(), o));
        return m;
    }

    static Map<String, Object> subscription(ShopWebhooks.Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "WebhookSubscription");
        m.put("id", Gids.of("WebhookSubscription", s.id()));
        m.put("legacyResourceId", Long.toString(s.id()));
        m.put("topic", WebhookTopics.toEnum(s.topic()));
        m.put("format", s.format());
        m.put("callbackUrl", s.callbackUrl());
        m.put("uri", s.callbackUrl());
        m.put("endpoint", Map.of("__typename", "WebhookHttpEndpoint", "callbackUrl", s.callbackUrl()));
        m.put("includeFields", List.of());
        m.put("filter", null);
        m.put("apiVersion", Map.of("handle", s.apiVersion(), "displayName", s.apiVersion(), "supported", true));
        m.put("createdAt", s.createdAt());
        m.put("updatedAt", s.updatedAt());
        return m;
    }

    static Map<String, Object> userError(UserError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", e.field());
        m.put("message", e.message());
        return m;
    }
}
