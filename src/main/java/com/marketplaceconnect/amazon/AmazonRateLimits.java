package com.marketplaceconnect.amazon;

import com.marketplaceconnect.sync.SyncProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side token buckets per account and operation, sized from Amazon's usage plans (rate = refill per second,
 * burst = bucket size), so a sync waits for capacity instead of collecting 429s. A bucket starts full, as Amazon's do.
 * Amazon's bucket is the one that counts: a 429 means it is empty, so the client's bucket is emptied too
 * ({@link #throttled}), which puts the client's refill timeline behind the marketplace's instead of ahead of it.
 * For the same reason a bucket is re-anchored when its first call has been answered ({@link #answered}): Amazon's
 * bucket started draining when that call arrived, which can be long after the client took the token (a new
 * connection, a cold start), so until then the client's refill would run ahead of Amazon's.
 */
@Component("amazonRateLimits")
public class AmazonRateLimits {
    private final AmazonProperties.RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Set<String> anchored = ConcurrentHashMap.newKeySet();

    public AmazonRateLimits(AmazonProperties properties) {
        this.limits = properties.rateLimits();
    }

    /** Route step before each searchOrders call: blocks until the account's bucket has a token. */
    public void acquireSearchOrders(Exchange exchange) throws InterruptedException {
        acquire(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class), "searchOrders", limits.searchOrders());
    }

    /** Route step after a searchOrders call was answered. */
    public void searchOrdersAnswered(Exchange exchange) {
        answered(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class), "searchOrders", limits.searchOrders());
    }

    /**
     * The first answered call of a bucket re-anchors it: full minus that call's token, refilling from now, so the
     * client's timeline starts no earlier than the marketplace's. Later answers change nothing.
     */
    public void answered(long accountId, String operation, AmazonProperties.Plan plan) {
        String key = accountId + "/" + operation;
        if (limits.enabled() && buckets.containsKey(key) && anchored.add(key)) {
            buckets.put(key, bucket(plan, plan.burst() - 1));
        }
    }

    /** Called when searchOrders answered 429: the marketplace's bucket is empty, so the client's is made empty too. */
    public void searchOrdersThrottled(long accountId) {
        throttled(accountId, "searchOrders");
    }

    public void throttled(long accountId, String operation) {
        Bucket bucket = buckets.get(accountId + "/" + operation);
        if (bucket != null) {
            bucket.tryConsumeAsMuchAsPossible();
        }
    }

    /** Tokens the client's bucket holds now (a full bucket for one not used yet). */
    public long availableTokens(long accountId, String operation) {
        Bucket bucket = buckets.get(accountId + "/" + operation);
        if (bucket != null) {
            return bucket.getAvailableTokens();
        }
        return operation.equals("searchOrders") ? limits.searchOrders().burst() : limits.confirmShipment().burst();
    }

    public void acquireConfirmShipment(long accountId) throws InterruptedException {
        acquire(accountId, "confirmShipment", limits.confirmShipment());
    }

    public void acquire(long accountId, String operation, AmazonProperties.Plan plan) throws InterruptedException {
        if (!limits.enabled()) {
            return;
        }
        buckets.computeIfAbsent(accountId + "/" + operation, k -> bucket(plan, plan.burst())).asBlocking().consume(1);
    }

    private Bucket bucket(AmazonProperties.Plan plan, long initialTokens) {
        double perSecond = plan.ratePerSecond() * limits.timeFactor();
        long nanosPerToken = Math.max(1, (long) (1_000_000_000L / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(plan.burst()).refillGreedy(1, Duration.ofNanos(nanosPerToken))
                        .initialTokens(Math.max(0, initialTokens)).build())
                .build();
    }
}
