package com.marketplaceconnect.sandbox.shopify;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fulfillment (a shipment) created by fulfillmentCreate, with its tracking information as last set. */
public final class Fulfillment {

    /** One tracking entry: carrier name as sent, number, URL. */
    public record Tracking(String company, String number, String url) {
    }

    /** A shipped quantity of an order line (FulfillmentLineItem). */
    public record Line(long id, LineItem lineItem, int quantity) {
    }

    private final long id;
    private final long orderId;
    private final String name;
    private final List<Long> fulfillmentOrderIds;
    private final List<Line> lines;
    private final Instant createdAt;
    private final boolean notifyCustomer;
    private final String message;
    private volatile List<Tracking> tracking;
    private volatile Instant updatedAt;
    private final List<List<Tracking>> trackingHistory = new CopyOnWriteArrayList<>();

    Fulfillment(long id, long orderId, String name, List<Long> fulfillmentOrderIds, List<Line> lines,
                List<Tracking> tracking, boolean notifyCustomer, String message, Instant createdAt) {
        this.id = id;
        this.orderId = orderId;
        this.name = name;
        this.fulfillmentOrderIds = List.copyOf(fulfillmentOrderIds);
        this.lines = List.copyOf(lines);
        this.tracking = List.copyOf(tracking);
        this.notifyCustomer = notifyCustomer;
        this.message = message;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        trackingHistory.add(this.tracking);
    }

    public long id() { return id; }
    public String gid() { return Gids.of("Fulfillment", id); }
    public long orderId() { return orderId; }
    /** "#1001.1": the order's name and the fulfillment's sequence in the order. */
    public String name() { return name; }
    public List<Long> fulfillmentOrderIds() { return fulfillmentOrderIds; }
    public List<Line> lines() { return lines; }
    public List<Tracking> tracking() { return tracking; }
    /** Every tracking state the fulfillment had, oldest first (creation, then each fulfillmentTrackingInfoUpdate). */
    public List<List<Tracking>> trackingHistory() { return List.copyOf(trackingHistory); }
    public boolean notifyCustomer() { return notifyCustomer; }
    public String message() { return message; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int totalQuantity() { return lines.stream().mapToInt(Line::quantity).sum(); }

    void updateTracking(List<Tracking> tracking, Instant at) {
        this.tracking = List.copyOf(tracking);
        this.updatedAt = at;
        trackingHistory.add(this.tracking);
    }
}
