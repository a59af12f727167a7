package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A marketplace's own rules for what a shipment event may ship, beyond the checks every event gets (schema, account,
 * synced order, not cancelled, not fulfilled by the marketplace, quantities). A connector that has such rules
 * provides one bean of this type; marketplaces without one take any items of the order.
 * Each method throws {@link ShipmentRejectedException} with a clear reason when the event cannot be pushed.
 */
public interface ShipmentRules {

    /** The marketplace these rules are for (AMAZON …). */
    String marketplace();

    /** The order's items the event may ship (e.g. only those of the marketplace shipment the event names). */
    default List<OrderItem> shippable(JsonNode event, String orderId, List<OrderItem> items) {
        return items;
    }

    /** Whether an item is left out when the event names no items (a parcel with "every item in full"). */
    default boolean leftOutOfWholeOrder(OrderItem item) {
        return false;
    }

    /** Checks the parcel ([{orderItemId, sku, quantity}]) against the shippable items before it is accepted. */
    default void checkParcel(String orderId, List<OrderItem> shippable, JsonNode parcel) {
    }
}
