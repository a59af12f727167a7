package com.marketplaceconnect.shipments;

public class ShipmentNotFoundException extends RuntimeException {
    public ShipmentNotFoundException(String eventId) {
        super("No shipment event with eventId " + eventId);
    }
}
