package com.marketplaceconnect.shipments;

/** A synced order's item as shipment intake sees it; the shipment fields are set by marketplaces that have them. */
public record OrderItem(String orderItemId, String sku, int quantity, String status, String shipmentId, String shipmentType) {
}
