package com.marketplaceconnect.amazon;

import com.marketplaceconnect.sync.SyncProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side token buckets per account and operation, sized from Amazon's usage plans (rate = refill per second,
 * burst = bucket size), so a sync waits for capacity instead of collecting 429s. A bucket starts full, as Amazon's do.
 */
@Component("amazonRateLimits")
public class AmazonRateLimits {
    private final AmazonProperties.RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public AmazonRateLimits(AmazonProperties properties) {
        this.limits = properties.rateLimits();
    }

    /** Route step before each searchOrders call: blocks until the account's bucket has a token. */
    public void acquireSearchOrders(Exchange exchange) throws InterruptedException {
        acquire(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class), "searchOrders", limits.searchOrders());
    }

    public void acquireConfirmShipment(long accountId) throws InterruptedException {
        acquire(accountId, "confirmShipment", limits.confirmShipment());
    }

    public void acquire(long accountId, String operation, AmazonProperties.Plan plan) throws InterruptedException {
        if (!limits.enabled()) {
            return;
        }
        buckets.computeIfAbsent(accountId + "/" + operation, k -> bucket(plan)).asBlocking().consume(1);
    }

    private Bucket bucket(AmazonProperties.Plan plan) {
        double perSecond = plan.ratePerSecond() * limits.timeFactor();
        long nanosPerToken = Math.max(1, (long) (1_000_000_000L / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(plan.burst()).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
                .build();
    }
}
