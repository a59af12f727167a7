package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One line of a canonical order; stored as a row of {@code order_item} ({@link OrderRows}). {@code unitPrice} is the
 * price of one unit ({@code unit_price}, {@code currency}). {@code shipment} is set by marketplaces whose orders ship
 * in several shipments (Flipkart) and null otherwise. The item's raw JSON is either its own tree ({@code raw}), or,
 * where the mapper read the order from its text (Amazon's orderItems), {@code rawPlace}: where the item sits in its
 * order's raw JSON, so that storing names the place instead of sending the item again.
 */
public record CanonicalOrderItem(
        String marketplaceItemId,
        String sku,
        String productId,
        String title,
        int quantity,
        int quantityShipped,
        CanonicalOrder.Money unitPrice,
        String status,
        Shipment shipment,
        JsonNode raw,
        RawPlace rawPlace) {

    /**
     * The marketplace shipment the item belongs to (Flipkart): its id, the seller location it leaves from, its type
     * (e.g. SELF: the seller ships it), the window to dispatch it in, and whether the marketplace holds it back.
     * Columns {@code shipment_id}, {@code location_id}, {@code shipment_type}, {@code dispatch_after}, {@code dispatch_by},
     * {@code on_hold}.
     */
    public record Shipment(String id, String locationId, String type, Instant dispatchAfter, Instant dispatchBy,
                           Boolean onHold) {
    }

    /** Element {@code index} (0-based) of the array field {@code field} of the order's raw JSON. */
    public record RawPlace(String field, int index) {
    }

    public CanonicalOrderItem {
        unitPrice = unitPrice == null ? CanonicalOrder.Money.NONE : unitPrice;
    }
}
