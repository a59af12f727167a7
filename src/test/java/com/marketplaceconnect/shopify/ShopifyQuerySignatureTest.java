package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Shopify's documented example of a signed install request, and tampering. */
class ShopifyQuerySignatureTest {

    @Test
    void shopifysDocumentedExampleVerifies() {
        // shopify.dev "Verify a request": secret hush, code/shop/state/timestamp, hmac as documented.
        Map<String, String> query = new HashMap<>(Map.of("code", "0907a61c0c8d55e99db179b68161bc00",
                "shop", "some-shop.myshopify.com", "state", "0.6784241404160823", "timestamp", "1337178173"));
        query.put("hmac", "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
        assertThat(ShopifyQuerySignature.valid("hush", query)).isTrue();
    }

    @Test
    void anyChangedParameterOrSecretFails() {
        Map<String, String> query = new HashMap<>(Map.of("code", "abc", "host", "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUveA==",
                "shop", "x.myshopify.com", "timestamp", "1700000000"));
        query.put("hmac", ShopifyQuerySignature.sign("secret", query));
        assertThat(ShopifyQuerySignature.valid("secret", query)).isTrue();
        assertThat(ShopifyQuerySignature.valid("other", query)).isFalse();
        Map<String, String> tampered = new HashMap<>(query);
        tampered.put("shop", "y.myshopify.com");
        assertThat(ShopifyQuerySignature.valid("secret", tampered)).isFalse();
        Map<String, String> unsigned = new HashMap<>(query);
        unsigned.remove("hmac");
        assertThat(ShopifyQuerySignature.valid("secret", unsigned)).isFalse();
    }
}
