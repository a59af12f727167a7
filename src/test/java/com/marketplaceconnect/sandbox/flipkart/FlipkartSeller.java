package com.marketplaceconnect.sandbox.flipkart;

/** A registered Flipkart seller and its self-access application (Seller Dashboard → Manage apps). */
public record FlipkartSeller(String sellerId, String appId, String appSecret) {

    /** Never print the application secret. */
    @Override
    public String toString() {
        return "FlipkartSeller[sellerId=" + sellerId + ", appId=" + appId + ", appSecret=***]";
    }
}
