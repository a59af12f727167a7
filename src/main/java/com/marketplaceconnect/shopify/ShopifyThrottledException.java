package com.marketplaceconnect.shopify;

import java.io.IOException;

/** Shopify answered THROTTLED (a 200 with that error code): retried after a backoff, like a 429. */
public class ShopifyThrottledException extends IOException {
    public ShopifyThrottledException(String message) {
        super(message);
    }
}
