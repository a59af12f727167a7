package com.marketplaceconnect.shopify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shopify's cost-based GraphQL throttle, obeyed from the client side: each answer's
 * {@code extensions.cost.throttleStatus} (maximumAvailable, currentlyAvailable, restoreRate) is kept per shop, and
 * before a call the route waits until the bucket, refilled at restoreRate since that answer, covers the call's
 * expected cost (the requestedQueryCost Shopify reported for the same operation last time, else a configured
 * estimate). So a steady sync never meets THROTTLED; one that does (other apps share nothing, but the estimate can be
 * low) backs off through the policy's retry, and the THROTTLED answer's own throttleStatus sets the wait.
 */
@Component("shopifyThrottle")
public class ShopifyThrottle {
    private static final Logger log = LoggerFactory.getLogger(ShopifyThrottle.class);
    /** Never wait longer than this for one call (a bucket of 1000 points at 50 points/s refills in 20 s). */
    private static final long MAX_WAIT_MS = 60_000;

    private static final class Bucket {
        double maximum;
        double available;
        double restoreRate;
        long atNanos;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Double> requestedCost = new ConcurrentHashMap<>();
    private final ShopifyProperties properties;

    public ShopifyThrottle(ShopifyProperties properties) {
        this.properties = properties;
    }

    /** Route step before a call (property marketplaceOperation): waits for the expected cost, then takes it. */
    public void acquire(Exchange exchange) throws InterruptedException {
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        String operation = exchange.getProperty("marketplaceOperation", "graphql", String.class);
        double cost = requestedCost.getOrDefault(operation, (double) properties.sync().estimatedPageCost());
        long waitMs = reserve(shop, cost);
        if (waitMs > 0) {
            log.debug("Shopify {} of shop {}: waiting {} ms for {} cost points", operation, shop, waitMs, cost);
            Thread.sleep(waitMs);
        }
    }

    /** Takes {@code cost} from the shop's bucket; returns how long to wait first (0: at once). */
    long reserve(String shop, double cost) {
        if (shop == null) {
            return 0;
        }
        Bucket bucket = buckets.get(shop);
        if (bucket == null) {
            return 0;
        }
        synchronized (bucket) {
            long now = System.nanoTime();
            double available = Math.min(bucket.maximum, bucket.available + bucket.restoreRate * (now - bucket.atNanos) / 1e9);
            double needed = Math.min(cost, bucket.maximum);
            long wait = 0;
            if (available < needed && bucket.restoreRate > 0) {
                wait = Math.min(MAX_WAIT_MS, (long) Math.ceil((needed - available) / bucket.restoreRate * 1000));
            }
            // Taken now, as if refilled by then: calls of one shop from several threads queue behind each other.
            bucket.available = available + bucket.restoreRate * wait / 1000.0 - needed;
            bucket.atNanos = now;
            return wait;
        }
    }

    /** After an answer: the shop's bucket as Shopify reported it, and the operation's requested cost. */
    public void observe(String shop, String operation, JsonNode cost) {
        if (cost == null || cost.isMissingNode() || cost.isNull()) {
            return;
        }
        if (cost.hasNonNull("requestedQueryCost") && operation != null) {
            requestedCost.put(operation, cost.get("requestedQueryCost").asDouble());
        }
        JsonNode status = cost.path("throttleStatus");
        if (shop == null || !status.hasNonNull("currentlyAvailable")) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(shop, s -> new Bucket());
        synchronized (bucket) {
            bucket.maximum = status.path("maximumAvailable").asDouble(1000);
            bucket.available = status.get("currentlyAvailable").asDouble();
            bucket.restoreRate = status.path("restoreRate").asDouble(50);
            bucket.atNanos = System.nanoTime();
        }
    }
}
