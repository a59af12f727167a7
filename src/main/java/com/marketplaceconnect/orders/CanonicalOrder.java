package com.marketplaceconnect.orders;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The one order model every marketplace maps into (README, "Canonical order"). Its snake_case names are the column
 * names of {@code orders}; the store step binds orders column by column ({@link OrderRows}). {@code rawJson}, when
 * set, is the order's raw JSON as the text it was read from, so that storing does not render a tree again; {@code raw}
 * is then that text's tree, or null where the mapper read the order from its tokens without one (Amazon's pages).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalOrder(
        String marketplace,
        String marketplaceCode,
        String marketplaceOrderId,
        String status,
        String marketplaceStatus,
        String fulfilledBy,
        Instant purchasedAt,
        Instant sourceUpdatedAt,
        String currency,
        BigDecimal totalAmount,
        String buyerName,
        String shipToName,
        String shipToLine1,
        String shipToLine2,
        String shipToCity,
        String shipToState,
        String shipToPostalCode,
        String shipToCountryCode,
        Instant shipBy,
        Instant deliverBy,
        JsonNode raw,
        List<CanonicalOrderItem> items,
        @JsonIgnore String rawJson) {

    /** An order whose raw JSON is only a tree. */
    public CanonicalOrder(String marketplace, String marketplaceCode, String marketplaceOrderId, String status,
                          String marketplaceStatus, String fulfilledBy, Instant purchasedAt, Instant sourceUpdatedAt,
                          String currency, BigDecimal totalAmount, String buyerName, String shipToName, String shipToLine1,
                          String shipToLine2, String shipToCity, String shipToState, String shipToPostalCode,
                          String shipToCountryCode, Instant shipBy, Instant deliverBy, JsonNode raw,
                          List<CanonicalOrderItem> items) {
        this(marketplace, marketplaceCode, marketplaceOrderId, status, marketplaceStatus, fulfilledBy, purchasedAt,
                sourceUpdatedAt, currency, totalAmount, buyerName, shipToName, shipToLine1, shipToLine2, shipToCity,
                shipToState, shipToPostalCode, shipToCountryCode, shipBy, deliverBy, raw, items, null);
    }

    /** Canonical statuses. */
    public static final String PENDING = "PENDING", UNSHIPPED = "UNSHIPPED", PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED",
            SHIPPED = "SHIPPED", DELIVERED = "DELIVERED", CANCELLED = "CANCELLED", ON_HOLD = "ON_HOLD",
            UNFULFILLABLE = "UNFULFILLABLE", RETURNED = "RETURNED";
    /** Who ships it. */
    public static final String BY_SELLER = "SELLER", BY_MARKETPLACE = "MARKETPLACE";
}
