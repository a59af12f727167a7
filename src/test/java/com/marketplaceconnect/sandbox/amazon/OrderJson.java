package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Set;

/**
 * Renders a stored order in the Orders API v2026-01-01 shape. buyer, recipient and packages only when asked for
 * through includedData; no address and no proceeds while PENDING (Amazon has neither yet); phone suppressed for
 * Amazon-fulfilled orders. Amounts are strings with two decimals.
 */
final class OrderJson {

    private OrderJson() {
    }

    static ObjectNode render(StoredOrder order, Set<IncludedData> included) {
        synchronized (order) {
            return renderLocked(order, included);
        }
    }

    /**
     * The same as {@link #render}, written as JSON text, and kept with the order until it changes: a page serves the
     * text of each order rendered once (a backfill reads each order many times, the JSON trees were the sandbox's
     * main cost).
     */
    static String renderText(StoredOrder order, Set<IncludedData> included) {
        synchronized (order) {
            String json = order.rendered(included);
            if (json == null) {
                json = SpApiResponses.write(renderLocked(order, included));
                order.cacheRendered(included, json);
            }
            return json;
        }
    }

    private static ObjectNode renderLocked(StoredOrder o, Set<IncludedData> included) {
        String status = o.fulfillmentStatus();
        boolean pending = "PENDING".equals(status) || "PENDING_AVAILABILITY".equals(status);
        String currency = o.marketplace.currency();
        ObjectNode n = SpApiResponses.JSON.createObjectNode();
        n.put("orderId", o.orderId);
        ObjectNode alias = n.putArray("orderAliases").addObject();
        alias.put("aliasId", o.sellerOrderId);
        alias.put("aliasType", "SELLER_ORDER_ID");
        n.put("createdTime", time(o.createdTime));
        n.put("lastUpdatedTime", time(o.lastUpdatedTime()));
        ArrayNode programs = n.putArray("programs");
        o.programs.forEach(programs::add);
        ObjectNode channel = n.putObject("salesChannel");
        channel.put("channelName", "AMAZON");
        channel.put("marketplaceId", o.marketplace.id());
        channel.put("marketplaceName", o.marketplace.name());

        if (included.contains(IncludedData.BUYER)) {
            ObjectNode buyer = n.putObject("buyer");
            buyer.put("buyerName", o.buyerName);
            buyer.put("buyerEmail", o.buyerEmail);
        }
        if (included.contains(IncludedData.RECIPIENT) && !pending) {
            address(n.putObject("recipient").putObject("deliveryAddress"), o.address, "AMAZON".equals(o.fulfilledBy));
        }
        long grandTotal = 0;
        for (StoredOrder.Item item : o.items) grandTotal += item.unitPriceMinor() * item.quantity();
        if (!pending) {
            ObjectNode proceeds = n.putObject("proceeds");
            money(proceeds.putObject("grandTotal"), grandTotal, currency);
            ObjectNode itemBreakdown = proceeds.putArray("breakdowns").addObject();
            itemBreakdown.put("type", "ITEM");
            money(itemBreakdown.putObject("subtotal"), grandTotal, currency);
        }
        ObjectNode f = n.putObject("fulfillment");
        f.put("fulfillmentStatus", status);
        f.put("fulfilledBy", o.fulfilledBy);
        f.put("fulfillmentServiceLevel", o.serviceLevel);
        window(f.putObject("shipByWindow"), o.shipByEarliest, o.shipByLatest);
        window(f.putObject("deliverByWindow"), o.deliverByEarliest, o.deliverByLatest);

        ArrayNode items = n.putArray("orderItems");
        for (int i = 0; i < o.items.size(); i++) {
            StoredOrder.Item item = o.items.get(i);
            ObjectNode it = items.addObject();
            it.put("orderItemId", item.orderItemId());
            it.put("quantityOrdered", item.quantity());
            ObjectNode measurement = it.putObject("measurement");
            measurement.put("unit", "COUNT");
            measurement.put("value", item.quantity());
            ObjectNode product = it.putObject("product");
            product.put("asin", item.asin());
            product.put("title", item.title());
            product.put("sellerSku", item.sellerSku());
            ObjectNode condition = product.putObject("condition");
            condition.put("conditionType", "NEW");
            condition.put("conditionSubtype", "NEW");
            condition.put("conditionNote", "");
            money(product.putObject("price").putObject("unitPrice"), item.unitPriceMinor(), currency);
            if (!pending) {
                long total = item.unitPriceMinor() * item.quantity();
                ObjectNode proceeds = it.putObject("proceeds");
                money(proceeds.putObject("proceedsTotal"), total, currency);
                ObjectNode b = proceeds.putArray("breakdowns").addObject();
                b.put("type", "ITEM");
                money(b.putObject("subtotal"), total, currency);
            }
            ObjectNode itemFulfillment = it.putObject("fulfillment");
            int shipped = o.shipped(i);
            itemFulfillment.put("quantityFulfilled", shipped);
            itemFulfillment.put("quantityUnfulfilled", Math.max(0, item.quantity() - shipped));
        }

        if (included.contains(IncludedData.PACKAGES) && !o.packages().isEmpty()) {
            ArrayNode packages = n.putArray("packages");
            for (StoredOrder.Package p : o.packages()) {
                ObjectNode pn = packages.addObject();
                pn.put("packageReferenceId", p.packageReferenceId());
                pn.put("createdTime", time(p.createdTime()));
                ObjectNode ps = pn.putObject("packageStatus");
                ps.put("status", "IN_TRANSIT");
                ps.put("detailedStatus", "IN_TRANSIT");
                pn.put("carrier", p.carrier());
                pn.put("shipTime", time(p.shipTime()));
                if (p.shippingMethod() != null) pn.put("shippingService", p.shippingMethod());
                pn.put("trackingNumber", p.trackingNumber());
                ArrayNode pi = pn.putArray("packageItems");
                for (StoredOrder.PackageItem item : p.items()) {
                    ObjectNode x = pi.addObject();
                    x.put("orderItemId", item.orderItemId());
                    x.put("quantity", item.quantity());
                }
            }
        }
        return n;
    }

    private static void address(ObjectNode a, StoredOrder.Address address, boolean amazonFulfilled) {
        a.put("name", address.name());
        a.put("addressLine1", address.addressLine1());
        a.put("addressLine2", address.addressLine2());
        a.put("addressLine3", "");
        a.put("city", address.city());
        a.put("districtOrCounty", address.districtOrCounty());
        a.put("stateOrRegion", address.stateOrRegion());
        a.put("municipality", "");
        a.put("postalCode", address.postalCode());
        a.put("countryCode", address.countryCode());
        if (!amazonFulfilled) a.put("phone", address.phone());
        a.put("addressType", address.addressType());
    }

    private static void window(ObjectNode w, Instant earliest, Instant latest) {
        w.put("earliestDateTime", time(earliest));
        w.put("latestDateTime", time(latest));
    }

    static void money(ObjectNode m, long minorUnits, String currency) {
        m.put("amount", amount(minorUnits));
        m.put("currencyCode", currency);
    }

    static String amount(long minorUnits) {
        long abs = Math.abs(minorUnits);
        long cents = abs % 100;
        return (minorUnits < 0 ? "-" : "") + (abs / 100) + "." + (cents < 10 ? "0" : "") + cents;
    }

    static String time(Instant instant) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
