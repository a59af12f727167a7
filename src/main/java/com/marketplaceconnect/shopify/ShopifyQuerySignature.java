package com.marketplaceconnect.shopify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.marketplaceconnect.connectors.Signatures;

/**
 * The HMAC of a query Shopify sends to the app (install request, OAuth callback): every parameter but {@code hmac}
 * (and the legacy {@code signature}), sorted by name, as {@code k=v} joined by {@code &}, signed with the app's client
 * secret, hex. Shopify's own library encodes the pairs as a form (URLSearchParams, spaces as %20); Shopify's docs
 * show them unencoded. For the values Shopify sends the two differ only where a value holds a reserved character
 * (the base64 {@code host}'s "="), so both forms are accepted; each is a full HMAC compared in constant time.
 */
final class ShopifyQuerySignature {
    private ShopifyQuerySignature() {
    }

    static boolean valid(String secret, Map<String, String> query) {
        String presented = query.get("hmac");
        if (presented == null) {
            return false;
        }
        TreeMap<String, String> sorted = new TreeMap<>(query);
        sorted.remove("hmac");
        sorted.remove("signature");
        String encoded = sorted.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String plain = sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        boolean encodedMatches = Signatures.hexHmacSha256Matches(secret, encoded, presented);
        boolean plainMatches = Signatures.hexHmacSha256Matches(secret, plain, presented);
        return encodedMatches | plainMatches;
    }

    /** How Shopify's library signs: the form encoding of URLSearchParams, then "+" as "%20". */
    static String sign(String secret, Map<String, String> query) {
        TreeMap<String, String> sorted = new TreeMap<>(query);
        sorted.remove("hmac");
        sorted.remove("signature");
        return Signatures.hexHmacSha256(secret, sorted.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
