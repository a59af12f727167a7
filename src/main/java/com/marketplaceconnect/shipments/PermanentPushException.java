package com.marketplaceconnect.shipments;

/** A push that cannot succeed by trying again (e.g. an order in a marketplace we have no id for): FAILED at once. */
public class PermanentPushException extends RuntimeException {
    public PermanentPushException(String message) {
        super(message);
    }
}
