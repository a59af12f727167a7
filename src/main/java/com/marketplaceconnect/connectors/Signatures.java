package com.marketplaceconnect.connectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 signatures as marketplaces use them on webhooks and redirects (Shopify: base64 over a webhook's raw
 * body, hex over an OAuth redirect's sorted query; WooCommerce: base64 over the raw body), always compared in constant
 * time. The JDK's Mac does the crypto; this class only fixes the encodings and the comparison.
 */
public final class Signatures {
    private Signatures() {
    }

    public static byte[] hmacSha256(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String base64HmacSha256(String secret, byte[] message) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), message));
    }

    public static String hexHmacSha256(String secret, String message) {
        return HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code presented} (a header's base64 value; null or blank never matches) signs {@code body} with {@code secret}. */
    public static boolean base64HmacSha256Matches(String secret, byte[] body, String presented) {
        if (presented == null || presented.isBlank() || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = base64HmacSha256(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code presented} (hex, any case; null never matches) is the hex HMAC of {@code message} with {@code secret}. */
    public static boolean hexHmacSha256Matches(String secret, String message, String presented) {
        if (presented == null || presented.isBlank() || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = hexHmacSha256(secret, message).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
