package com.marketplaceconnect.orders;

import java.math.BigDecimal;
import java.time.Instant;

/** An order as a list shows it: the columns of {@code orders} without address and raw JSON, and its number of items. */
public record OrderSummary(long id, long accountId, String marketplace, String marketplaceCode, String marketplaceOrderId,
                           String status, String marketplaceStatus, String fulfilledBy, Instant purchasedAt,
                           Instant sourceUpdatedAt, String currency, BigDecimal totalAmount, String buyerName,
                           int itemCount, Instant firstSeenAt, Instant updatedAt) {
}
