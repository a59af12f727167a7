package com.marketplaceconnect.sandbox.amazon;

/** The SP-API operations the sandbox serves and their default usage plans (token bucket rate and burst). */
enum SpApiOperation {
    SEARCH_ORDERS("searchOrders", 0.0056, 20, "0.0056"),
    GET_ORDER("getOrder", 0.5, 30, "0.5"),
    CONFIRM_SHIPMENT("confirmShipment", 2.0, 10, "2.0");

    final String operationName;
    final double ratePerSecond;
    final int burst;
    /** The x-amzn-RateLimit-Limit header value. */
    final String rateHeader;

    SpApiOperation(String operationName, double ratePerSecond, int burst, String rateHeader) {
        this.operationName = operationName;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.rateHeader = rateHeader;
    }
}
