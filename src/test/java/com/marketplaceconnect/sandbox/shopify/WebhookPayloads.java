package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Webhook bodies in Shopify's REST shapes: the order (as in fixtures/shopify/orders-create-webhook.json: money as
 * strings, ids as numbers, timestamps with the shop's offset), the shop (app/uninstalled) and the three mandatory
 * compliance topics.
 */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** The order as orders/create, orders/updated and orders/cancelled carry it. */
    public static ObjectNode order(ShopifyOrder o, ShopifyShop shop) {
        ZoneId z = shop.timezone();
        String c = o.currency();
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("id", o.id());
        n.put("admin_graphql_api_id", o.gid());
        n.putNull("app_id");
        n.putNull("browser_ip");
        n.put("buyer_accepts_marketing", false);
        n.put("cancel_reason", o.cancelReason());
        n.put("cancelled_at", time(o.cancelledAt(), z));
        n.putNull("cart_token");
        n.putNull("checkout_token");
        n.putNull("client_details");
        n.put("closed_at", time(o.closedAt(), z));
        n.put("confirmation_number", Long.toString(o.id() % 1_000_000_000L, 36).toUpperCase(java.util.Locale.ROOT));
        n.put("confirmed", true);
        n.put("contact_email", o.email());
        n.put("created_at", time(o.createdAt(), z));
        n.put("currency", c);
        BigDecimal currentTotal = o.cancelled() ? BigDecimal.ZERO : o.total();
        BigDecimal currentSubtotal = o.cancelled() ? BigDecimal.ZERO : o.subtotal();
        n.set("current_shipping_price_set", set(o.shippingPrice(), c));
        n.put("current_subtotal_price", money(currentSubtotal));
        n.set("current_subtotal_price_set", set(currentSubtotal, c));
        n.putNull("current_total_additional_fees_set");
        n.put("current_total_discounts", money(o.totalDiscounts()));
        n.set("current_total_discounts_set", set(o.totalDiscounts(), c));
        n.putNull("current_total_duties_set");
        n.put("current_total_price", money(currentTotal));
        n.set("current_total_price_set", set(currentTotal, c));
        n.put("current_total_tax", money(o.totalTax()));
        n.set("current_total_tax_set", set(o.totalTax(), c));
        n.put("customer_locale", "en");
        n.putNull("device_id");
        n.putArray("discount_codes");
        n.put("duties_included", false);
        n.put("email", o.email());
        n.put("estimated_taxes", false);
        n.put("financial_status", o.financialStatus());
        n.put("fulfillment_status", o.restFulfillmentStatus());
        n.putNull("landing_site");
        n.putNull("landing_site_ref");
        n.putNull("location_id");
        n.put("merchant_business_entity_id", "MTU0ODM4MDAwOQ");
        n.putNull("merchant_of_record_app_id");
        n.put("name", o.name());
        n.put("note", o.note());
        n.putArray("note_attributes");
        n.put("number", o.number() - 1000);
        n.put("order_number", o.number());
        n.putNull("original_total_additional_fees_set");
        n.putNull("original_total_duties_set");
        n.put("order_status_url", "https://" + shop.domain() + "/" + shop.shopId() + "/orders/" + Long.toHexString(o.id()) + "/authenticate?key=sandbox");
        ArrayNode gateways = n.putArray("payment_gateway_names");
        gateways.add("bogus");
        n.put("phone", o.phone());
        n.putNull("po_number");
        n.put("presentment_currency", c);
        n.put("processed_at", time(o.processedAt(), z));
        n.putNull("reference");
        n.putNull("referring_site");
        n.putNull("source_identifier");
        n.put("source_name", "web");
        n.putNull("source_url");
        n.put("subtotal_price", money(o.subtotal()));
        n.set("subtotal_price_set", set(o.subtotal(), c));
        n.put("tags", String.join(", ", o.tags()));
        n.put("tax_exempt", false);
        n.putArray("tax_lines");
        n.put("taxes_included", false);
        n.put("test", o.test());
        n.put("token", Long.toHexString(o.id() * 31));
        n.set("total_cash_rounding_payment_adjustment_set", set(BigDecimal.ZERO, c));
        n.set("total_cash_rounding_refund_adjustment_set", set(BigDecimal.ZERO, c));
        n.put("total_discounts", money(o.totalDiscounts()));
        n.set("total_discounts_set", set(o.totalDiscounts(), c));
        n.put("total_line_items_price", money(o.lineItemsTotal()));
        n.set("total_line_items_price_set", set(o.lineItemsTotal(), c));
        n.put("total_outstanding", o.financialStatus().equals("paid") ? "0.00" : money(currentTotal));
        n.put("total_price", money(o.total()));
        n.set("total_price_set", set(o.total(), c));
        n.set("total_shipping_price_set", set(o.shippingPrice(), c));
        n.put("total_tax", money(o.totalTax()));
        n.set("total_tax_set", set(o.totalTax(), c));
        n.put("total_tip_received", "0.00");
        n.put("total_weight", 0);
        n.put("updated_at", time(o.updatedAt(), z));
        n.putNull("user_id");
        n.set("billing_address", address(o.billingAddress()));
        n.set("customer", customer(o.customer(), o, z));
        n.putArray("discount_applications");
        ArrayNode fulfillments = n.putArray("fulfillments");
        for (Fulfillment f : shop.fulfillments(o.id())) fulfillments.add(fulfillment(f, o, z));
        ArrayNode lines = n.putArray("line_items");
        for (LineItem li : o.lineItems()) lines.add(lineItem(li, c));
        n.putNull("payment_terms");
        n.putArray("refunds");
        n.set("shipping_address", address(o.shippingAddress()));
        ArrayNode shipping = n.putArray("shipping_lines");
        ObjectNode sl = shipping.addObject();
        sl.put("id", o.id() + 7);
        sl.putNull("carrier_identifier");
        sl.put("code", "Standard");
        sl.set("current_discounted_price_set", set(o.shippingPrice(), c));
        sl.put("discounted_price", money(o.shippingPrice()));
        sl.set("discounted_price_set", set(o.shippingPrice(), c));
        sl.put("is_removed", false);
        sl.putNull("phone");
        sl.put("price", money(o.shippingPrice()));
        sl.set("price_set", set(o.shippingPrice(), c));
        sl.putNull("requested_fulfillment_service_id");
        sl.put("source", "shopify");
        sl.put("title", "Standard Shipping");
        sl.putArray("tax_lines");
        sl.putArray("discount_allocations");
        n.putArray("returns");
        n.putArray("line_item_groups");
        return n;
    }

    private static ObjectNode lineItem(LineItem li, String c) {
        ObjectNode l = ShopifyJson.MAPPER.createObjectNode();
        l.put("id", li.id());
        l.put("admin_graphql_api_id", Gids.of("LineItem", li.id()));
        l.putArray("attributed_staffs");
        l.put("current_quantity", li.currentQuantity());
        l.put("fulfillable_quantity", li.fulfillableQuantity());
        l.put("fulfillment_service", "manual");
        l.put("fulfillment_status", li.fulfilledQuantity() == 0 ? null : li.fulfillableQuantity() == 0 ? "fulfilled" : "partial");
        l.put("gift_card", false);
        l.put("grams", 100);
        l.put("name", li.name());
        l.put("price", money(li.price()));
        l.set("price_set", set(li.price(), c));
        l.put("product_exists", true);
        l.put("product_id", li.productId());
        l.putArray("properties");
        l.put("quantity", li.quantity());
        l.put("requires_shipping", true);
        l.putNull("sales_line_item_group_id");
        l.put("sku", li.sku());
        l.put("taxable", true);
        l.put("title", li.title());
        l.put("total_discount", "0.00");
        l.set("total_discount_set", set(BigDecimal.ZERO, c));
        l.put("variant_id", li.variantId());
        l.put("variant_inventory_management", "shopify");
        l.put("variant_title", li.variantTitle());
        l.put("vendor", li.vendor());
        l.putArray("tax_lines");
        l.putArray("duties");
        l.putArray("discount_allocations");
        return l;
    }

    private static ObjectNode fulfillment(Fulfillment f, ShopifyOrder o, ZoneId z) {
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("id", f.id());
        n.put("admin_graphql_api_id", f.gid());
        n.put("created_at", time(f.createdAt(), z));
        n.put("name", f.name());
        n.put("order_id", o.id());
        n.put("status", "success");
        Fulfillment.Tracking first = f.tracking().isEmpty() ? null : f.tracking().get(0);
        n.put("tracking_company", first == null ? null : first.company());
        n.put("tracking_number", first == null ? null : first.number());
        ArrayNode numbers = n.putArray("tracking_numbers");
        ArrayNode urls = n.putArray("tracking_urls");
        for (Fulfillment.Tracking t : f.tracking()) {
            if (t.number() != null) numbers.add(t.number());
            if (t.url() != null) urls.add(t.url());
        }
        n.put("tracking_url", first == null ? null : first.url());
        n.put("updated_at", time(f.updatedAt(), z));
        return n;
    }

    private static ObjectNode address(Address a) {
        if (a == null) return null;
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("first_name", a.firstName());
        n.put("address1", a.address1());
        n.put("phone", a.phone());
        n.put("city", a.city());
        n.put("zip", a.zip());
        n.put("province", a.province());
        n.put("country", a.country());
        n.put("last_name", a.lastName());
        n.put("address2", a.address2());
        n.put("company", a.company());
        n.putNull("latitude");
        n.putNull("longitude");
        n.put("name", a.name());
        n.put("country_code", a.countryCode());
        n.put("province_code", a.provinceCode());
        return n;
    }

    private static ObjectNode customer(Customer c, ShopifyOrder o, ZoneId z) {
        if (c == null) return null;
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("created_at", time(o.createdAt(), z));
        n.put("updated_at", time(o.createdAt(), z));
        n.put("first_name", c.firstName());
        n.put("last_name", c.lastName());
        n.put("state", "disabled");
        n.putNull("note");
        n.put("verified_email", true);
        n.putNull("multipass_identifier");
        n.put("tax_exempt", false);
        n.put("email", c.email());
        n.put("phone", c.phone());
        n.put("currency", o.currency());
        n.putArray("tax_exemptions");
        n.put("admin_graphql_api_id", Gids.of("Customer", c.id()));
        ObjectNode d = address(o.shippingAddress());
        if (d != null) {
            d.put("id", c.id() + 1);
            d.put("customer_id", c.id());
            d.put("country_name", o.shippingAddress().country());
            d.put("default", true);
            n.set("default_address", d);
        }
        return n;
    }

    /** The shop object app/uninstalled (and shop/update) carry. */
    public static ObjectNode shop(ShopifyShop s) {
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("id", s.shopId());
        n.put("name", s.name());
        n.put("email", s.email());
        n.put("domain", s.domain());
        n.put("province", "Ontario");
        n.put("country", "CA");
        n.put("address1", "1 Sandbox Way");
        n.put("zip", "K2P 1L4");
        n.put("city", "Ottawa");
        n.putNull("source");
        n.put("phone", "555-555-5555");
        n.putNull("latitude");
        n.putNull("longitude");
        n.put("primary_locale", "en");
        n.putNull("address2");
        n.putNull("created_at");
        n.putNull("updated_at");
        n.put("country_code", "CA");
        n.put("country_name", "Canada");
        n.put("currency", s.currency());
        n.put("customer_email", s.email());
        n.put("timezone", "(GMT-05:00) Eastern Time (US & Canada)");
        n.put("iana_timezone", s.timezone().getId());
        n.put("shop_owner", "Sandbox Owner");
        n.put("money_format", "${{amount}}");
        n.put("money_with_currency_format", "${{amount}} " + s.currency());
        n.put("weight_unit", "kg");
        n.putNull("province_code");
        n.put("taxes_included", false);
        n.putNull("tax_shipping");
        n.put("county_taxes", true);
        n.put("plan_display_name", "Development");
        n.put("plan_name", "partner_test");
        n.put("has_discounts", false);
        n.put("has_gift_cards", false);
        n.put("myshopify_domain", s.domain());
        n.put("password_enabled", true);
        return n;
    }

    /** customers/data_request: the customer whose data is requested and their orders. */
    public static ObjectNode customersDataRequest(ShopifyShop s, Customer c, List<Long> orderIds, long requestId) {
        ObjectNode n = complianceBase(s);
        ArrayNode ids = n.putArray("orders_requested");
        orderIds.forEach(ids::add);
        n.set("customer", complianceCustomer(c));
        n.putObject("data_request").put("id", requestId);
        return n;
    }

    /** customers/redact: the customer to erase and the orders to redact. */
    public static ObjectNode customersRedact(ShopifyShop s, Customer c, List<Long> orderIds) {
        ObjectNode n = complianceBase(s);
        n.set("customer", complianceCustomer(c));
        ArrayNode ids = n.putArray("orders_to_redact");
        orderIds.forEach(ids::add);
        return n;
    }

    /** shop/redact: sent 48 hours after the app was uninstalled. */
    public static ObjectNode shopRedact(ShopifyShop s) {
        return complianceBase(s);
    }

    private static ObjectNode complianceBase(ShopifyShop s) {
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("shop_id", s.shopId());
        n.put("shop_domain", s.domain());
        return n;
    }

    private static ObjectNode complianceCustomer(Customer c) {
        ObjectNode n = ShopifyJson.MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("email", c.email());
        n.put("phone", c.phone());
        return n;
    }

    private static String money(BigDecimal v) {
        return ShopifyOrder.money(v).toPlainString();
    }

    private static ObjectNode set(BigDecimal amount, String currency) {
        ObjectNode s = ShopifyJson.MAPPER.createObjectNode();
        s.putObject("shop_money").put("amount", money(amount)).put("currency_code", currency);
        s.putObject("presentment_money").put("amount", money(amount)).put("currency_code", currency);
        return s;
    }
}
