package com.marketplaceconnect.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/** One line of a canonical order; snake_case names are the columns of {@code order_item}. */
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
        JsonNode raw) {
}
