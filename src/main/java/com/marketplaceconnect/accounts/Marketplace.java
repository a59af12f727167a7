package com.marketplaceconnect.accounts;

/** The stores and marketplaces a seller can connect. */
public enum Marketplace {
    AMAZON, FLIPKART, SHOPIFY, WOOCOMMERCE
}
