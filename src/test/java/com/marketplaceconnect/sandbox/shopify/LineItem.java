package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;

/**
 * One line of an order. {@code currentQuantity} drops when the line is removed or the order cancelled;
 * {@code fulfilledQuantity} grows with fulfillments. Mutated only under the shop's lock.
 */
public final class LineItem {

    private final long id;
    private final String sku;
    private final String title;
    private final String variantTitle;
    private final String vendor;
    private final int quantity;
    private final BigDecimal price;
    private final long variantId;
    private final long productId;
    private volatile int currentQuantity;
    private volatile int fulfilledQuantity;

    LineItem(long id, String sku, String title, String variantTitle, String vendor, int quantity, BigDecimal price,
             long variantId, long productId) {
        this.id = id;
        this.sku = sku;
        this.title = title;
        this.variantTitle = variantTitle;
        this.vendor = vendor;
        this.quantity = quantity;
        this.price = price;
        this.variantId = variantId;
        this.productId = productId;
        this.currentQuantity = quantity;
    }

    public long id() { return id; }
    public String sku() { return sku; }
    public String title() { return title; }
    public String variantTitle() { return variantTitle; }
    public String vendor() { return vendor; }
    public int quantity() { return quantity; }
    public BigDecimal price() { return price; }
    public long variantId() { return variantId; }
    public long productId() { return productId; }
    public int currentQuantity() { return currentQuantity; }
    public int fulfilledQuantity() { return fulfilledQuantity; }

    /** Shopify's LineItem.name: title and variant title. */
    public String name() {
        return variantTitle == null || variantTitle.isBlank() ? title : title + " - " + variantTitle;
    }

    public int fulfillableQuantity() {
        return Math.max(0, currentQuantity - fulfilledQuantity);
    }

    void setCurrentQuantity(int currentQuantity) { this.currentQuantity = currentQuantity; }
    void addFulfilled(int quantity) { this.fulfilledQuantity += quantity; }
}
