package com.marketplaceconnect.sandbox.flipkart;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One Flipkart shipment as the sandbox keeps it: part of one order, one or more order items. Identity, items and
 * addresses never change; status (shared by its items), hold, updatedAt, cancellation and dispatch details change
 * under this object's lock.
 */
final class StoredShipment {

    static final Set<String> PRE_DISPATCH = Set.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH");
    static final Set<String> POST_DISPATCH = Set.of("SHIPPED", "DELIVERED", "PICKUP_COMPLETE");
    static final Set<String> CANCELLATION_TYPES = Set.of("sellerCancellation", "buyerCancellation", "marketplaceCancellation");
    static final Set<String> STATUSES = Set.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH",
            "SHIPPED", "DELIVERED", "PICKUP_COMPLETE", "CANCELLED", "RETURN_REQUESTED", "RETURNED", "COMPLETED");

    record Address(String firstName, String lastName, String addressLine1, String addressLine2, String landmark,
                   String city, String state, String stateCode, String pinCode, String contactNumber) {
    }

    /** Prices in whole rupees for the whole line (quantity included), as Flipkart's priceComponents are. */
    record Item(String orderItemId, String fsn, String sku, String listingId, String hsn, String title, int quantity,
                long sellingPrice, long shippingCharge, long flipkartDiscount, String cancellationGroupId) {
    }

    /** What the seller pushed with selfShip/dispatch (and later updates). */
    record Dispatch(String deliveryPartner, String deliveryPartnerCode, String trackingId, String dispatchDate,
                    String tentativeDeliveryDate, String invoiceNumber) {
    }

    /** A consistent copy of the mutable state. */
    record State(String status, boolean hold, Instant updatedAt, Instant cancellationDate, String cancellationType,
                 String cancellationReason, Dispatch dispatch) {
    }

    final String shipmentId;
    final String subShipmentId;
    final String sellerId;
    final String orderId;
    final String locationId;
    final String shipmentType;
    final String paymentType;
    final Instant orderDate;
    final Instant dispatchAfterDate;
    final Instant dispatchByDate;
    final Address address;
    final String buyerEmail;
    final List<Item> items;

    private String status;
    private boolean hold;
    private Instant updatedAt;
    private Instant cancellationDate;
    private String cancellationType;
    private String cancellationReason;
    private Dispatch dispatch;

    StoredShipment(String shipmentId, String subShipmentId, String sellerId, String orderId, String locationId,
                   String shipmentType, String paymentType, Instant orderDate, Instant dispatchAfterDate,
                   Instant dispatchByDate, Address address, String buyerEmail, List<Item> items, String status,
                   boolean hold, Instant updatedAt) {
        this.shipmentId = shipmentId;
        this.subShipmentId = subShipmentId;
        this.sellerId = sellerId;
        this.orderId = orderId;
        this.locationId = locationId;
        this.shipmentType = shipmentType;
        this.paymentType = paymentType;
        this.orderDate = orderDate;
        this.dispatchAfterDate = dispatchAfterDate;
        this.dispatchByDate = dispatchByDate;
        this.address = address;
        this.buyerEmail = buyerEmail;
        this.items = List.copyOf(items);
        this.status = status;
        this.hold = hold;
        this.updatedAt = updatedAt;
    }

    synchronized State state() {
        return new State(status, hold, updatedAt, cancellationDate, cancellationType, cancellationReason, dispatch);
    }

    /** Readable without the lock (for sorting); may be a moment stale. */
    synchronized Instant updatedAt() {
        return updatedAt;
    }

    synchronized void setStatus(String status, Instant updatedAt) {
        this.status = status;
        this.updatedAt = updatedAt;
        if (!"CANCELLED".equals(status)) {
            cancellationDate = null;
            cancellationType = null;
            cancellationReason = null;
        }
    }

    synchronized void setHold(boolean hold, Instant updatedAt) {
        this.hold = hold;
        this.updatedAt = updatedAt;
    }

    synchronized void cancel(String type, String reason, Instant at) {
        this.status = "CANCELLED";
        this.hold = false;
        this.cancellationType = type;
        this.cancellationReason = reason;
        this.cancellationDate = at;
        this.updatedAt = at;
    }

    synchronized void dispatched(Dispatch dispatch, Instant at) {
        this.dispatch = dispatch;
        this.status = "SHIPPED";
        this.updatedAt = at;
    }

    synchronized void setDispatch(Dispatch dispatch, Instant at) {
        this.dispatch = dispatch;
        this.updatedAt = at;
    }

    static String typeOf(String status) {
        if (PRE_DISPATCH.contains(status)) return "preDispatch";
        if (POST_DISPATCH.contains(status)) return "postDispatch";
        if ("CANCELLED".equals(status)) return "cancelled";
        return "other";
    }
}
