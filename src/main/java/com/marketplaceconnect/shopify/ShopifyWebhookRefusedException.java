package com.marketplaceconnect.shopify;

/** A delivery the webhook door refuses before storing anything: 401 (signature) or 400 (not a Shopify webhook). */
public class ShopifyWebhookRefusedException extends RuntimeException {
    private final int status;

    public ShopifyWebhookRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
