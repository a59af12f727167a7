package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.sync.SyncProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per store (account): at most {@code woocommerce.rate-limit.requests-per-second} calls, bursts of
 * {@code burst}. WooCommerce has no rate limit of its own, but stores live on small shared hosts whose WAF or PHP
 * workers answer 429/503 when pressed: after one, the store's bucket is emptied ({@link #throttled}) so the retry,
 * and every other call to that store, waits for a refill.
 */
@Component("woocommerceRateLimits")
public class WooCommerceRateLimits {
    private final WooCommerceProperties.RateLimit limit;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public WooCommerceRateLimits(WooCommerceProperties properties) {
        this.limit = properties.rateLimit();
    }

    /** Route step before each call: blocks until the store's bucket has a token. */
    public void acquire(Exchange exchange) throws InterruptedException {
        acquire(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
    }

    public void acquire(long accountId) throws InterruptedException {
        bucket(accountId).asBlocking().consume(1);
    }

    /** The store answered 429 or 503: its bucket is emptied. */
    public void throttled(long accountId) {
        bucket(accountId).tryConsumeAsMuchAsPossible();
    }

    public long availableTokens(long accountId) {
        return bucket(accountId).getAvailableTokens();
    }

    private Bucket bucket(long accountId) {
        return buckets.computeIfAbsent(accountId, id -> {
            long nanosPerToken = Math.max(1, (long) (1_000_000_000L / Math.max(0.001, limit.requestsPerSecond())));
            int burst = Math.max(1, limit.burst());
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                    .refillGreedy(1, Duration.ofNanos(nanosPerToken)).initialTokens(burst).build()).build();
        });
    }
}
