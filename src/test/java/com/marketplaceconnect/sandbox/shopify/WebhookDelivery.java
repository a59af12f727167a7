package com.marketplaceconnect.sandbox.shopify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One delivery attempt of a webhook as the sandbox made it: what was sent (headers, raw body, whether its HMAC was
 * the real one) and how the receiver answered ({@code status} -1 when the connection failed or timed out, with the
 * reason in {@code error}). Retries and duplicates carry the same {@code webhookId}.
 */
public record WebhookDelivery(String shop, String topic, String webhookId, String eventId, String callbackUrl,
                              int attempt, Instant triggeredAt, Instant sentAt, Map<String, String> headers,
                              String body, boolean validHmac, int status, Duration latency, String error) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
