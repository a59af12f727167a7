package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One order of a searchOrders page (Orders API v2026-01-01), as far as the mapping reads it: the model's own names and
 * nesting, every other field left out. Read by {@link AmazonOrderMapper} with Jackson; values are kept as the model
 * sends them (times and amounts as text), so that reading never fails on a value the mapping would not use. Every
 * record ignores the fields it does not name: Jackson then skips them instead of buffering them (it buffers unknown
 * fields of a record until it has built it, a copy of most of each order).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AmazonOrder(String orderId, String createdTime, String lastUpdatedTime, SalesChannel salesChannel, Buyer buyer,
                   Recipient recipient, Proceeds proceeds, Fulfillment fulfillment, List<OrderItem> orderItems) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SalesChannel(String marketplaceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Buyer(String buyerName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Recipient(Address deliveryAddress) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Address(String name, String addressLine1, String addressLine2, String addressLine3, String city,
                   String stateOrRegion, String postalCode, String countryCode) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Proceeds(Money grandTotal) {
    }

    /** amount: a decimal number as text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Money(String amount, String currencyCode) {
    }

    /** fulfilledBy: MERCHANT or AMAZON. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fulfillment(String fulfillmentStatus, String fulfilledBy, DateTimeWindow shipByWindow,
                       DateTimeWindow deliverByWindow) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DateTimeWindow(String earliestDateTime, String latestDateTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderItem(String orderItemId, Integer quantityOrdered, Product product, ItemFulfillment fulfillment) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String asin, String title, String sellerSku, Price price) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(Money unitPrice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ItemFulfillment(Integer quantityFulfilled) {
    }
}
