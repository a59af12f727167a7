package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One claimed outbox row: what a push route needs. {@code attempts} counts this attempt and fences the row (a late
 * answer after the lease was taken over changes nothing). {@code update}: an earlier event of the same package was
 * pushed, so this one edits it.
 */
public record ShipmentPush(long id, String eventId, long accountId, String marketplace, String region,
                           String marketplaceCode, long orderId, String marketplaceOrderId, JsonNode items,
                           long packageReferenceId, JsonNode event, int attempts, boolean update) {
}
