package com.marketplaceconnect.shopify;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one fulfillmentCreate sends: per fulfillment order id, its line item ids and quantities (the event's items,
 * taken from the order's open fulfillment orders at merchant-managed locations), and the event (its tracking).
 * {@code existingFulfillmentId}: the order already has a fulfillment with this tracking number (an earlier attempt
 * whose answer was lost), so nothing is created again.
 */
public record ShopifyFulfillmentPlan(Map<String, Map<String, Integer>> lines, JsonNode event, String existingFulfillmentId) {

    public boolean alreadyFulfilled() {
        return existingFulfillmentId != null;
    }
}
