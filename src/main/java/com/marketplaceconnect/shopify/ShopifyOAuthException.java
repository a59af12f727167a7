package com.marketplaceconnect.shopify;

import java.io.IOException;

/** Shopify's token endpoint refused a grant ({@code error}: invalid_grant, invalid_client …). */
public class ShopifyOAuthException extends IOException {
    private final String error;
    private final int status;

    public ShopifyOAuthException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }

    /** The grant itself is dead (revoked, expired, used): only the seller can fix it by connecting again. */
    public boolean grantRefused() {
        return "invalid_grant".equals(error) || "invalid_subject_token".equals(error) || "invalid_token".equals(error)
                || status == 401;
    }
}
