package com.marketplaceconnect.orders;

import java.util.List;

/**
 * One page of orders in {@code (source_updated_at, id)} order; {@code nextCursor} fetches the page after it (same
 * filter), null when this is the last page.
 */
public record OrderPage(List<OrderSummary> items, String nextCursor) {
}
