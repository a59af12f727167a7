package com.marketplaceconnect.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Orders in the shape of WooCommerce REST API v3 ("Retrieve an order", fixtures/woocommerce/order.json): money totals
 * as strings, {@code line_items[].price} a number, {@code date_*} in the site's timezone without an offset and
 * {@code date_*_gmt} in UTC.
 */
final class WooOrders {
    private static final String[] FIRST = {"John", "Asha", "Maria", "Chen", "Olu", "Sara"};
    private static final String[] LAST = {"Doe", "Rao", "Silva", "Wei", "Adeyemi", "Berg"};

    private WooOrders() {
    }

    static ObjectNode order(long id, String status, Instant created, ZoneOffset siteOffset, List<WooStore.Line> lines, String storeUrl) {
        ObjectNode o = WooStore.JSON.createObjectNode();
        String local = LocalDateTime.ofInstant(created, siteOffset).toString();
        String gmt = WooStore.gmt(created);
        local = local.length() == 16 ? local + ":00" : local;
        o.put("id", id);
        o.put("parent_id", 0);
        o.put("number", String.valueOf(id));
        o.put("order_key", "wc_order_" + Long.toHexString(id * 7919L + 0x58d2d042L));
        o.put("created_via", "checkout");
        o.put("version", "9.4.0");
        o.put("status", status);
        o.put("currency", "USD");
        o.put("date_created", local);
        o.put("date_created_gmt", gmt);
        o.put("date_modified", local);
        o.put("date_modified_gmt", gmt);
        BigDecimal items = BigDecimal.ZERO;
        for (WooStore.Line l : lines) items = items.add(new BigDecimal(l.price()).multiply(BigDecimal.valueOf(l.quantity())));
        BigDecimal shipping = new BigDecimal("10.00");
        o.put("discount_total", "0.00");
        o.put("discount_tax", "0.00");
        o.put("shipping_total", "10.00");
        o.put("shipping_tax", "0.00");
        o.put("cart_tax", "0.00");
        o.put("total", items.add(shipping).setScale(2).toPlainString());
        o.put("total_tax", "0.00");
        o.put("prices_include_tax", false);
        o.put("customer_id", 0);
        o.put("customer_ip_address", "");
        o.put("customer_user_agent", "");
        o.put("customer_note", "");
        String first = FIRST[(int) (id % FIRST.length)];
        String last = LAST[(int) ((id / 3) % LAST.length)];
        ObjectNode billing = address(first, last, id);
        billing.put("email", first.toLowerCase() + "." + last.toLowerCase() + "@example.com");
        billing.put("phone", "(555) 555-" + String.format("%04d", id % 10000));
        o.set("billing", billing);
        o.set("shipping", address(first, last, id));
        o.put("payment_method", "bacs");
        o.put("payment_method_title", "Direct Bank Transfer");
        o.put("transaction_id", "");
        boolean paid = !status.equals("pending") && !status.equals("failed");
        if (paid) {
            o.put("date_paid", local);
            o.put("date_paid_gmt", gmt);
        } else {
            o.putNull("date_paid");
            o.putNull("date_paid_gmt");
        }
        if (status.equals("completed")) {
            o.put("date_completed", local);
            o.put("date_completed_gmt", gmt);
        } else {
            o.putNull("date_completed");
            o.putNull("date_completed_gmt");
        }
        o.put("cart_hash", "");
        o.putArray("meta_data");
        ArrayNode lineItems = o.putArray("line_items");
        long lineId = id * 10;
        for (WooStore.Line l : lines) {
            ObjectNode li = lineItems.addObject();
            BigDecimal lineTotal = new BigDecimal(l.price()).multiply(BigDecimal.valueOf(l.quantity())).setScale(2);
            li.put("id", lineId++);
            li.put("name", l.name());
            li.put("product_id", 90 + Math.abs(l.sku().hashCode() % 100));
            li.put("variation_id", 0);
            li.put("quantity", l.quantity());
            li.put("tax_class", "");
            li.put("subtotal", lineTotal.toPlainString());
            li.put("subtotal_tax", "0.00");
            li.put("total", lineTotal.toPlainString());
            li.put("total_tax", "0.00");
            li.putArray("taxes");
            li.putArray("meta_data");
            li.put("sku", l.sku());
            // A number in the documented example (3, 12), although the schema says string.
            li.put("price", new BigDecimal(l.price()));
        }
        o.putArray("tax_lines");
        ObjectNode shippingLine = o.putArray("shipping_lines").addObject();
        shippingLine.put("id", lineId);
        shippingLine.put("method_title", "Flat Rate");
        shippingLine.put("method_id", "flat_rate");
        shippingLine.put("total", "10.00");
        shippingLine.put("total_tax", "0.00");
        shippingLine.putArray("taxes");
        shippingLine.putArray("meta_data");
        o.putArray("fee_lines");
        o.putArray("coupon_lines");
        o.putArray("refunds");
        ObjectNode links = o.putObject("_links");
        links.putArray("self").addObject().put("href", storeUrl + "/wp-json/wc/v3/orders/" + id);
        links.putArray("collection").addObject().put("href", storeUrl + "/wp-json/wc/v3/orders");
        return o;
    }

    private static ObjectNode address(String first, String last, long id) {
        ObjectNode a = WooStore.JSON.createObjectNode();
        a.put("first_name", first);
        a.put("last_name", last);
        a.put("company", "");
        a.put("address_1", (100 + id % 900) + " Market");
        a.put("address_2", "");
        a.put("city", "San Francisco");
        a.put("state", "CA");
        a.put("postcode", "94103");
        a.put("country", "US");
        return a;
    }

    /** A {@code date_*_gmt} value (no offset, UTC) as an instant; null when absent or unreadable. */
    static Instant gmtInstant(String text) {
        if (text == null || text.isBlank() || text.equals("null")) return null;
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
