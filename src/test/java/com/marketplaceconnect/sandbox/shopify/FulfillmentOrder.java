package com.marketplaceconnect.sandbox.shopify;

import java.time.Instant;
import java.util.List;

/**
 * A fulfillment order: the lines of one order assigned to one location. The sandbox makes one per order, assigned to
 * the shop's merchant-managed location "Shop location", OPEN until every line is fulfilled (then CLOSED) or the
 * order is cancelled (then CLOSED with nothing left).
 */
public final class FulfillmentOrder {

    /** A line of the fulfillment order (FulfillmentOrderLineItem), pointing at the order's line item. */
    public static final class Line {
        private final long id;
        private final LineItem lineItem;
        private final int totalQuantity;
        private volatile int remainingQuantity;

        Line(long id, LineItem lineItem, int totalQuantity) {
            this.id = id;
            this.lineItem = lineItem;
            this.totalQuantity = totalQuantity;
            this.remainingQuantity = totalQuantity;
        }

        public long id() { return id; }
        public String gid() { return Gids.of("FulfillmentOrderLineItem", id); }
        public LineItem lineItem() { return lineItem; }
        public int totalQuantity() { return totalQuantity; }
        public int remainingQuantity() { return remainingQuantity; }
        void setRemainingQuantity(int q) { remainingQuantity = q; }
    }

    private final long id;
    private final long orderId;
    private final long locationId;
    private final List<Line> lines;
    private final Instant createdAt;
    private volatile String status = "OPEN";
    private volatile Instant updatedAt;

    FulfillmentOrder(long id, long orderId, long locationId, List<Line> lines, Instant createdAt) {
        this.id = id;
        this.orderId = orderId;
        this.locationId = locationId;
        this.lines = List.copyOf(lines);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public long id() { return id; }
    public String gid() { return Gids.of("FulfillmentOrder", id); }
    public long orderId() { return orderId; }
    public long locationId() { return locationId; }
    public List<Line> lines() { return lines; }
    /** FulfillmentOrderStatus: OPEN, IN_PROGRESS, CLOSED, CANCELLED, ... */
    public String status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    void setStatus(String status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }
}
