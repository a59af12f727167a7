package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The one order model every marketplace maps into (README, "Canonical order"); the store step binds it column by
 * column to {@code orders} ({@link OrderRows}). What belongs together is one value: the order's {@code total}, its
 * {@code shipTo} address, its {@code shipWindow}; each is null, or has null parts, where the marketplace leaves it out
 * (Amazon keeps them back while an order is pending). {@code rawJson}, when set, is the order's raw JSON as the text it
 * was read from, so that storing does not render a tree again; {@code raw} is then that text's tree, or null where the
 * mapper read the order from its text without one (Amazon's pages).
 */
public record CanonicalOrder(
        String marketplace,
        String marketplaceCode,
        String marketplaceOrderId,
        String status,
        String marketplaceStatus,
        String fulfilledBy,
        Instant purchasedAt,
        Instant sourceUpdatedAt,
        Money total,
        String buyerName,
        Address shipTo,
        ShipWindow shipWindow,
        JsonNode raw,
        List<CanonicalOrderItem> items,
        String rawJson) {

    /** An amount in a currency; either part may be missing. Columns: {@code currency}, {@code total_amount}. */
    public record Money(BigDecimal amount, String currency) {
        public static final Money NONE = new Money(null, null);
    }

    /** Where the order goes. Columns {@code ship_to_*}; {@code countryCode} is ISO 3166-1 alpha-2. */
    public record Address(String name, String line1, String line2, String city, String state, String postalCode,
                          String countryCode) {
        public static final Address NONE = new Address(null, null, null, null, null, null, null);
    }

    /** The latest times the marketplace promises the order to be shipped and delivered ({@code ship_by}, {@code deliver_by}). */
    public record ShipWindow(Instant shipBy, Instant deliverBy) {
        public static final ShipWindow NONE = new ShipWindow(null, null);
    }

    public CanonicalOrder {
        total = total == null ? Money.NONE : total;
        shipTo = shipTo == null ? Address.NONE : shipTo;
        shipWindow = shipWindow == null ? ShipWindow.NONE : shipWindow;
    }

    /** An order whose raw JSON is only a tree. */
    public CanonicalOrder(String marketplace, String marketplaceCode, String marketplaceOrderId, String status,
                          String marketplaceStatus, String fulfilledBy, Instant purchasedAt, Instant sourceUpdatedAt,
                          Money total, String buyerName, Address shipTo, ShipWindow shipWindow, JsonNode raw,
                          List<CanonicalOrderItem> items) {
        this(marketplace, marketplaceCode, marketplaceOrderId, status, marketplaceStatus, fulfilledBy, purchasedAt,
                sourceUpdatedAt, total, buyerName, shipTo, shipWindow, raw, items, null);
    }

    /** The same order with other items and raw JSON (e.g. the mapped values alone, for a comparison or a benchmark). */
    public CanonicalOrder withRaw(JsonNode raw, List<CanonicalOrderItem> items, String rawJson) {
        return new CanonicalOrder(marketplace, marketplaceCode, marketplaceOrderId, status, marketplaceStatus, fulfilledBy,
                purchasedAt, sourceUpdatedAt, total, buyerName, shipTo, shipWindow, raw, items, rawJson);
    }

    /** Canonical statuses. */
    public static final String PENDING = "PENDING", UNSHIPPED = "UNSHIPPED", PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED",
            SHIPPED = "SHIPPED", DELIVERED = "DELIVERED", CANCELLED = "CANCELLED", ON_HOLD = "ON_HOLD",
            UNFULFILLABLE = "UNFULFILLABLE", RETURNED = "RETURNED";
    /** Who ships it. */
    public static final String BY_SELLER = "SELLER", BY_MARKETPLACE = "MARKETPLACE";
}
