package com.marketplaceconnect.sandbox.amazon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One order as the sandbox keeps it. Identity, items and addresses never change; status, lastUpdatedTime,
 * shipped quantities and packages change under this object's lock.
 */
final class StoredOrder {

    record Address(String name, String addressLine1, String addressLine2, String city, String districtOrCounty,
                   String stateOrRegion, String postalCode, String countryCode, String phone, String addressType) {
    }

    record Item(String orderItemId, String asin, String title, String sellerSku, int quantity, long unitPriceMinor) {
    }

    record PackageItem(String orderItemId, int quantity) {
    }

    record Package(String packageReferenceId, String carrierCode, String carrierName, String shippingMethod,
                   String trackingNumber, Instant shipTime, Instant createdTime, String shipFromSupplySourceId,
                   List<PackageItem> items) {

        String carrier() {
            return "Other".equalsIgnoreCase(carrierCode) && carrierName != null ? carrierName : carrierCode;
        }
    }

    final String orderId;
    final String sellingPartnerId;
    final Marketplace marketplace;
    final String sellerOrderId;
    final Instant createdTime;
    final List<String> programs;
    final String fulfilledBy;
    final String serviceLevel;
    final Instant shipByEarliest;
    final Instant shipByLatest;
    final Instant deliverByEarliest;
    final Instant deliverByLatest;
    final String buyerName;
    final String buyerEmail;
    final Address address;
    final List<Item> items;

    private String fulfillmentStatus;
    private volatile Instant lastUpdatedTime;
    private final int[] shipped;
    private final List<Package> packages = new ArrayList<>();
    /** The order rendered as JSON for {@link #renderedFor}, until the order changes (every change clears it). */
    private String rendered;
    private java.util.Set<IncludedData> renderedFor;

    StoredOrder(String orderId, String sellingPartnerId, Marketplace marketplace, String sellerOrderId, Instant createdTime,
                List<String> programs, String fulfilledBy, String serviceLevel, Instant shipByEarliest, Instant shipByLatest,
                Instant deliverByEarliest, Instant deliverByLatest, String buyerName, String buyerEmail, Address address,
                List<Item> items, String fulfillmentStatus, Instant lastUpdatedTime) {
        this.orderId = orderId;
        this.sellingPartnerId = sellingPartnerId;
        this.marketplace = marketplace;
        this.sellerOrderId = sellerOrderId;
        this.createdTime = createdTime;
        this.programs = List.copyOf(programs);
        this.fulfilledBy = fulfilledBy;
        this.serviceLevel = serviceLevel;
        this.shipByEarliest = shipByEarliest;
        this.shipByLatest = shipByLatest;
        this.deliverByEarliest = deliverByEarliest;
        this.deliverByLatest = deliverByLatest;
        this.buyerName = buyerName;
        this.buyerEmail = buyerEmail;
        this.address = address;
        this.items = List.copyOf(items);
        this.fulfillmentStatus = fulfillmentStatus;
        this.lastUpdatedTime = lastUpdatedTime;
        this.shipped = new int[items.size()];
    }

    /** Readable without the lock (used to sort); may be a moment stale. */
    Instant lastUpdatedTime() {
        return lastUpdatedTime;
    }

    synchronized String fulfillmentStatus() {
        return fulfillmentStatus;
    }

    synchronized int shipped(int itemIndex) {
        return shipped[itemIndex];
    }

    synchronized List<Package> packages() {
        return List.copyOf(packages);
    }

    /** The cached JSON of this order for these includedData, or null. */
    synchronized String rendered(java.util.Set<IncludedData> included) {
        return rendered != null && included.equals(renderedFor) ? rendered : null;
    }

    synchronized void cacheRendered(java.util.Set<IncludedData> included, String json) {
        this.rendered = json;
        this.renderedFor = java.util.Set.copyOf(included);
    }

    synchronized void setStatus(String status, Instant lastUpdated) {
        rendered = null;
        this.fulfillmentStatus = status;
        this.lastUpdatedTime = lastUpdated;
        if ("SHIPPED".equals(status)) {
            for (int i = 0; i < items.size(); i++) shipped[i] = items.get(i).quantity();
        } else if ("PENDING".equals(status) || "UNSHIPPED".equals(status) || "PENDING_AVAILABILITY".equals(status)) {
            java.util.Arrays.fill(shipped, 0);
            packages.clear();
        }
    }

    int itemIndex(String orderItemId) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).orderItemId().equals(orderItemId)) return i;
        return -1;
    }

    synchronized Package packageByReference(String packageReferenceId) {
        for (Package p : packages) if (p.packageReferenceId().equals(packageReferenceId)) return p;
        return null;
    }

    synchronized boolean fullyShipped() {
        for (int i = 0; i < items.size(); i++) if (shipped[i] < items.get(i).quantity()) return false;
        return true;
    }

    /**
     * Adds a package or replaces the one with the same reference, then sets shipped quantities and the status.
     * The caller has checked the quantities with {@link #shippedWith}.
     */
    synchronized void putPackage(Package pkg, Instant now) {
        rendered = null;
        int[] totals = shippedWith(pkg);
        packages.removeIf(p -> p.packageReferenceId().equals(pkg.packageReferenceId()));
        packages.add(pkg);
        System.arraycopy(totals, 0, shipped, 0, shipped.length);
        boolean all = true;
        for (int i = 0; i < items.size(); i++) if (shipped[i] < items.get(i).quantity()) all = false;
        fulfillmentStatus = all ? "SHIPPED" : "PARTIALLY_SHIPPED";
        lastUpdatedTime = now;
    }

    /** Shipped quantity per item if {@code pkg} were added, replacing a package with the same reference. */
    synchronized int[] shippedWith(Package pkg) {
        int[] totals = shipped.clone();
        Package old = packageByReference(pkg.packageReferenceId());
        if (old != null) {
            for (PackageItem pi : old.items()) {
                int idx = itemIndex(pi.orderItemId());
                if (idx >= 0) totals[idx] -= pi.quantity();
            }
        }
        for (PackageItem pi : pkg.items()) {
            int idx = itemIndex(pi.orderItemId());
            if (idx >= 0) totals[idx] += pi.quantity();
        }
        return totals;
    }

    /** Used by the generator to record packages of orders it creates as already shipped. */
    synchronized void addGeneratedPackage(Package pkg) {
        rendered = null;
        packages.add(pkg);
        for (PackageItem pi : pkg.items()) {
            int idx = itemIndex(pi.orderItemId());
            if (idx >= 0) shipped[idx] += pi.quantity();
        }
    }
}
