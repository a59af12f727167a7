package com.marketplaceconnect.orders;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a canonical order; snake_case names are the columns of {@code order_item}. The shipment fields
 * (shipment id, location, type, dispatch window, hold) are set by marketplaces whose orders ship in several
 * shipments (Flipkart) and are null otherwise. {@code rawPlace}, when set, says where the item's raw JSON sits in its
 * order's raw JSON (Amazon's orderItems, read from the token stream without a tree: {@code raw} is then null), so that
 * storing it names the place instead of sending the item again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalOrderItem(
        String marketplaceItemId,
        String sku,
        String productId,
        String title,
        int quantity,
        int quantityShipped,
        BigDecimal unitPrice,
        String currency,
        String status,
        JsonNode raw,
        String shipmentId,
        String locationId,
        String shipmentType,
        Instant dispatchBy,
        Instant dispatchAfter,
        Boolean onHold,
        @JsonIgnore RawPlace rawPlace) {

    /** Element {@code index} (0-based) of the array field {@code field} of the order's raw JSON. */
    public record RawPlace(String field, int index) {
    }

    /** An item without a raw place. */
    public CanonicalOrderItem(String marketplaceItemId, String sku, String productId, String title, int quantity,
                              int quantityShipped, BigDecimal unitPrice, String currency, String status, JsonNode raw,
                              String shipmentId, String locationId, String shipmentType, Instant dispatchBy,
                              Instant dispatchAfter, Boolean onHold) {
        this(marketplaceItemId, sku, productId, title, quantity, quantityShipped, unitPrice, currency, status, raw,
                shipmentId, locationId, shipmentType, dispatchBy, dispatchAfter, onHold, null);
    }

    /** An item without shipment fields. */
    public CanonicalOrderItem(String marketplaceItemId, String sku, String productId, String title, int quantity,
                              int quantityShipped, BigDecimal unitPrice, String currency, String status, JsonNode raw) {
        this(marketplaceItemId, sku, productId, title, quantity, quantityShipped, unitPrice, currency, status, raw,
                null, null, null, null, null, null, null);
    }
}
