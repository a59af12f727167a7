package com.marketplaceconnect.sandbox.amazon;

/** A selling partner registered in the sandbox and a refresh token it has granted. */
public record AmazonSeller(String sellingPartnerId, String region, String refreshToken) {

    /** The refresh token is a secret: keep it out of logs. */
    @Override
    public String toString() {
        return "AmazonSeller[sellingPartnerId=" + sellingPartnerId + ", region=" + region + ", refreshToken=***]";
    }
}
