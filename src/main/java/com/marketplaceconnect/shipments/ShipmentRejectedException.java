package com.marketplaceconnect.shipments;

/**
 * A shipment event that can never be pushed as sent: malformed, against the schema, or naming an account or order
 * we cannot push to. Never retried; dead-lettered with {@link #getMessage()} as the reason. {@code status} is what
 * the API door answers: 400 for a malformed event, 422 for a well-formed one we cannot act on.
 */
public class ShipmentRejectedException extends RuntimeException {
    private final int status;
    private final String field;

    public ShipmentRejectedException(int status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The event field at fault (JSON path or name), or null. */
    public String field() {
        return field;
    }
}
