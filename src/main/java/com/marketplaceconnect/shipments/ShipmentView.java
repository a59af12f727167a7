package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A shipment event as the status API shows it: where it is, how often it was tried, what the marketplace said. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(long id, String eventId, String state, String source, Long accountId, String marketplace,
                           String marketplaceOrderId, Long packageReferenceId, int attempts, Instant nextAttemptAt,
                           String lastError, String marketplaceResponse, String rejectReason, Instant receivedAt,
                           Instant pushedAt, JsonNode event, String rawEvent) {
}
