package com.marketplaceconnect.shipments;

/**
 * Where a shipment event is: PENDING (due at next_attempt_at; a retry is PENDING again with a later time) ->
 * IN_FLIGHT (claimed by a poller, leased) -> PUSHED | FAILED (the marketplace refused it) | DEAD (out of attempts).
 * REJECTED: invalid input kept for inspection, never pushed.
 */
public enum ShipmentState {
    PENDING, IN_FLIGHT, PUSHED, FAILED, DEAD, REJECTED;

    public boolean terminal() {
        return this == PUSHED || this == FAILED || this == DEAD;
    }
}
