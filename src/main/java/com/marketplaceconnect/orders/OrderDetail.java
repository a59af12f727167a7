package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One order with its address, items and shipments ({@link OrderQueries#detail}). {@code shipments} are the shipment
 * events sent for it (table shipment_event, newest last), each with its push state: PENDING, IN_FLIGHT, PUSHED,
 * FAILED, DEAD, or REJECTED with the reason.
 */
public record OrderDetail(OrderSummary order, CanonicalOrder.Address shipTo, CanonicalOrder.ShipWindow shipWindow,
                          List<Item> items, List<Shipment> shipments) {

    /** A row of {@code order_item}; {@code shipmentId} is the marketplace's own shipment (Flipkart), else null. */
    public record Item(long id, String marketplaceItemId, String sku, String productId, String title, int quantity,
                       int quantityShipped, BigDecimal unitPrice, String currency, String status, String shipmentId) {
    }

    /**
     * A shipment event of the order and its push: {@code state}, attempts, when it is tried next (PENDING and
     * IN_FLIGHT only), the last error, when it was pushed; carrier and tracking number as the event gave them;
     * {@code items} the package's content [{orderItemId, sku, quantity}].
     */
    public record Shipment(long id, String eventId, String state, String source, String carrierCode, String carrierName,
                           String trackingNumber, JsonNode items, int attempts, Instant nextAttemptAt, String lastError,
                           String rejectReason, Instant receivedAt, Instant pushedAt, Instant updatedAt) {
    }
}
