package com.marketplaceconnect.shipments;

/**
 * An event that passed the parser and the resolver: what its outbox row is made of. {@code items} is the resolved
 * parcel as JSON ([{orderItemId, sku, quantity}]), {@code packageKey} the same content normalised (same key, same
 * package), {@code raw} the event as it arrived.
 */
record AcceptedShipment(String eventId, String source, long accountId, String marketplace, long orderId,
                        String marketplaceOrderId, String items, String packageKey, String raw) {
}
