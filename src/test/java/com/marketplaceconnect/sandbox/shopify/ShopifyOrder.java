package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An order of a {@link ShopifyShop}, as the sandbox keeps it. Read it freely; change it only through the shop
 * ({@code updateOrder}, {@code cancelOrder}, fulfillments), which keeps {@code updatedAt} and the webhooks right.
 */
public final class ShopifyOrder {

    private final long id;
    private final int number;
    private final List<LineItem> lineItems;
    private final Instant createdAt;
    volatile String email;
    volatile String phone;
    volatile String currency;
    volatile Customer customer;
    volatile Address shippingAddress;
    volatile Address billingAddress;
    volatile BigDecimal shippingPrice;
    volatile BigDecimal totalTax;
    volatile BigDecimal totalDiscounts;
    volatile String financialStatus;
    volatile String note;
    volatile List<String> tags;
    volatile boolean test;
    volatile Instant processedAt;
    volatile Instant updatedAt;
    volatile Instant cancelledAt;
    volatile String cancelReason;
    volatile Instant closedAt;

    ShopifyOrder(long id, int number, List<LineItem> lineItems, Instant createdAt) {
        this.id = id;
        this.number = number;
        this.lineItems = List.copyOf(lineItems);
        this.createdAt = createdAt;
    }

    public long id() { return id; }
    public String gid() { return Gids.of("Order", id); }
    /** The order number; Shopify's name is "#" + number (the first order of a shop is #1001). */
    public int number() { return number; }
    public String name() { return "#" + number; }
    public List<LineItem> lineItems() { return lineItems; }
    public Instant createdAt() { return createdAt; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String currency() { return currency; }
    public Customer customer() { return customer; }
    public Address shippingAddress() { return shippingAddress; }
    public Address billingAddress() { return billingAddress; }
    public BigDecimal shippingPrice() { return shippingPrice; }
    public BigDecimal totalTax() { return totalTax; }
    public BigDecimal totalDiscounts() { return totalDiscounts; }
    /** REST financial_status (lower case). */
    public String financialStatus() { return financialStatus; }
    public String note() { return note; }
    public List<String> tags() { return tags; }
    public boolean test() { return test; }
    public Instant processedAt() { return processedAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant cancelledAt() { return cancelledAt; }
    /** REST cancel_reason (customer, fraud, inventory, declined, staff, other) or null. */
    public String cancelReason() { return cancelReason; }
    public Instant closedAt() { return closedAt; }
    public boolean cancelled() { return cancelledAt != null; }
    public boolean closed() { return closedAt != null; }

    /** Sum of unit price × quantity of the current lines. */
    public BigDecimal lineItemsTotal() {
        BigDecimal sum = BigDecimal.ZERO;
        for (LineItem li : lineItems) sum = sum.add(li.price().multiply(BigDecimal.valueOf(li.quantity())));
        return money(sum);
    }

    /** Line items less discounts (Shopify's subtotal_price). */
    public BigDecimal subtotal() {
        return money(lineItemsTotal().subtract(totalDiscounts));
    }

    public BigDecimal total() {
        return money(subtotal().add(shippingPrice).add(totalTax));
    }

    /** Order.displayFulfillmentStatus: UNFULFILLED, PARTIALLY_FULFILLED or FULFILLED. */
    public String displayFulfillmentStatus() {
        int fulfilled = 0;
        int open = 0;
        for (LineItem li : lineItems) {
            fulfilled += li.fulfilledQuantity();
            open += li.fulfillableQuantity();
        }
        if (fulfilled == 0) return "UNFULFILLED";
        return open == 0 ? "FULFILLED" : "PARTIALLY_FULFILLED";
    }

    /** REST fulfillment_status: null, "partial" or "fulfilled". */
    public String restFulfillmentStatus() {
        return switch (displayFulfillmentStatus()) {
            case "FULFILLED" -> "fulfilled";
            case "PARTIALLY_FULFILLED" -> "partial";
            default -> null;
        };
    }

    /** Order.displayFinancialStatus: the REST status upper-cased. */
    public String displayFinancialStatus() {
        return financialStatus == null ? null : financialStatus.toUpperCase(Locale.ROOT);
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
