package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a test says about an order to create ({@link ShopifyShop#createOrder(OrderDraft)}) or change
 * ({@link ShopifyShop#updateOrder(long, java.util.function.Consumer)}: every field but the line items). Fields left
 * unset get plausible defaults.
 */
public final class OrderDraft {

    /** A line to create: SKU, title, quantity and unit price (in the order's currency). */
    public record Line(String sku, String title, String variantTitle, int quantity, BigDecimal price) {
        public Line {
            if (quantity < 1) throw new IllegalArgumentException("quantity must be >= 1");
            Objects.requireNonNull(price, "price");
        }
    }

    String email;
    String phone;
    String currency;
    Customer customer;
    Address shippingAddress;
    Address billingAddress;
    final List<Line> lines = new ArrayList<>();
    BigDecimal shippingPrice;
    BigDecimal totalTax;
    BigDecimal totalDiscounts;
    String financialStatus;
    String note;
    List<String> tags;
    Instant createdAt;
    Boolean test;

    public OrderDraft email(String email) { this.email = email; return this; }
    public OrderDraft phone(String phone) { this.phone = phone; return this; }
    /** An ISO 4217 code the schema's CurrencyCode knows (USD, EUR, GBP, INR, CAD, ...). */
    public OrderDraft currency(String currency) { this.currency = currency; return this; }
    public OrderDraft customer(String firstName, String lastName, String email, String phone) {
        this.customer = new Customer(0, firstName, lastName, email, phone);
        return this;
    }
    public OrderDraft shippingAddress(Address address) { this.shippingAddress = address; return this; }
    public OrderDraft billingAddress(Address address) { this.billingAddress = address; return this; }
    public OrderDraft line(String sku, String title, int quantity, String unitPrice) {
        lines.add(new Line(sku, title, null, quantity, new BigDecimal(unitPrice)));
        return this;
    }
    public OrderDraft line(Line line) { lines.add(line); return this; }
    public OrderDraft shippingPrice(String amount) { this.shippingPrice = new BigDecimal(amount); return this; }
    public OrderDraft totalTax(String amount) { this.totalTax = new BigDecimal(amount); return this; }
    public OrderDraft totalDiscounts(String amount) { this.totalDiscounts = new BigDecimal(amount); return this; }
    /** REST financial_status in lower case: pending, authorized, paid, partially_paid, refunded, voided, ... */
    public OrderDraft financialStatus(String financialStatus) { this.financialStatus = financialStatus; return this; }
    public OrderDraft note(String note) { this.note = note; return this; }
    public OrderDraft tags(List<String> tags) { this.tags = List.copyOf(tags); return this; }
    /** When the order was placed (created_at and processed_at); default: the sandbox clock's now. */
    public OrderDraft createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
    public OrderDraft test(boolean test) { this.test = test; return this; }

    public List<Line> lines() { return List.copyOf(lines); }
}
