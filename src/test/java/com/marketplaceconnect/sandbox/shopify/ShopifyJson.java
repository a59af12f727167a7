package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson mapper of the Shopify sandbox. */
final class ShopifyJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ShopifyJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
