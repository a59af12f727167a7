package com.marketplaceconnect.orders;

import java.time.Instant;
import java.util.Set;

/**
 * Which stored orders to list ({@link OrderQueries#list}). Every part is optional (null: no condition).
 *
 * @param accountIds   only these seller accounts; null = every account (staff), an empty set = none (a seller without
 *                     accounts). The seller's page passes the signed-in seller's own accounts.
 * @param marketplace  a connected marketplace's name: AMAZON, FLIPKART, SHOPIFY, WOOCOMMERCE … (any case)
 * @param status       a canonical status (CanonicalOrder: PENDING, UNSHIPPED, ... ; any case)
 * @param updatedSince only orders the marketplace last updated at or after this time ({@code source_updated_at})
 * @param text         case-insensitive search: part of the marketplace order id, the buyer's name, or an item's SKU
 * @param limit        the page size, 1 to {@link OrderQueries#MAX_LIMIT}; 0 = {@link OrderQueries#DEFAULT_LIMIT}
 * @param cursor       {@link OrderPage#nextCursor()} of the page before, or null for the first page
 */
public record OrderFilter(Set<Long> accountIds, String marketplace, String status, Instant updatedSince, String text,
                          int limit, String cursor) {

    /** Every order, first page, default size. */
    public static OrderFilter all() {
        return new OrderFilter(null, null, null, null, null, 0, null);
    }

    public OrderFilter withCursor(String nextCursor) {
        return new OrderFilter(accountIds, marketplace, status, updatedSince, text, limit, nextCursor);
    }

    public OrderFilter withLimit(int size) {
        return new OrderFilter(accountIds, marketplace, status, updatedSince, text, size, cursor);
    }

    public OrderFilter withAccounts(Set<Long> ids) {
        return new OrderFilter(ids, marketplace, status, updatedSince, text, limit, cursor);
    }
}
