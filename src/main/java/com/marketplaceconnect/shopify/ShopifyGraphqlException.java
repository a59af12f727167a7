package com.marketplaceconnect.shopify;

import com.marketplaceconnect.shipments.PermanentPushException;

/**
 * Shopify answered a GraphQL call with errors and no data (a query it cannot run, an id it does not know): retrying
 * the same request cannot help, so a push is FAILED with the message and a sync run fails with it.
 */
public class ShopifyGraphqlException extends PermanentPushException {
    public ShopifyGraphqlException(String message) {
        super(message);
    }
}
