package com.marketplaceconnect.amazon;

import java.util.List;

/**
 * One order of a searchOrders page (Orders API v2026-01-01), as far as the mapping reads it: the model's own names and
 * nesting, every other field left out. Read by {@link AmazonOrderMapper} with Jackson; values are kept as the model
 * sends them (times and amounts as text), so that reading never fails on a value the mapping would not use.
 */
record AmazonOrder(String orderId, String createdTime, String lastUpdatedTime, SalesChannel salesChannel, Buyer buyer,
                   Recipient recipient, Proceeds proceeds, Fulfillment fulfillment, List<OrderItem> orderItems) {

    record SalesChannel(String marketplaceId) {
    }

    record Buyer(String buyerName) {
    }

    record Recipient(Address deliveryAddress) {
    }

    record Address(String name, String addressLine1, String addressLine2, String addressLine3, String city,
                   String stateOrRegion, String postalCode, String countryCode) {
    }

    record Proceeds(Money grandTotal) {
    }

    /** amount: a decimal number as text. */
    record Money(String amount, String currencyCode) {
    }

    /** fulfilledBy: MERCHANT or AMAZON. */
    record Fulfillment(String fulfillmentStatus, String fulfilledBy, DateTimeWindow shipByWindow,
                       DateTimeWindow deliverByWindow) {
    }

    record DateTimeWindow(String earliestDateTime, String latestDateTime) {
    }

    record OrderItem(String orderItemId, Integer quantityOrdered, Product product, ItemFulfillment fulfillment) {
    }

    record Product(String asin, String title, String sellerSku, Price price) {
    }

    record Price(Money unitPrice) {
    }

    record ItemFulfillment(Integer quantityFulfilled) {
    }
}
