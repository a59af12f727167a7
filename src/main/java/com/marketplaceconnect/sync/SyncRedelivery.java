package com.marketplaceconnect.sync;

import com.marketplaceconnect.amazon.AmazonRateLimits;
import com.marketplaceconnect.amazon.LwaTokens;
import com.marketplaceconnect.flipkart.FlipkartTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs before each retry of a marketplace call: counts the failed call, drops a token the marketplace refused, and
 * after a 429 empties the client's rate-limit bucket (the marketplace's is empty), so the retry waits for a refill.
 */
@Component("syncRedelivery")
public class SyncRedelivery implements Processor {
    private final SyncRuns runs;
    private final LwaTokens lwaTokens;
    private final FlipkartTokens flipkartTokens;
    private final AmazonRateLimits rateLimits;

    public SyncRedelivery(SyncRuns runs, LwaTokens lwaTokens, FlipkartTokens flipkartTokens, AmazonRateLimits rateLimits) {
        this.runs = runs;
        this.lwaTokens = lwaTokens;
        this.flipkartTokens = flipkartTokens;
        this.rateLimits = rateLimits;
    }

    @Override
    public void process(Exchange exchange) {
        runs.countFailedCall(exchange);
        int status = SyncRuns.statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        if (status == 403) { // SP-API: expired or refused LWA token
            lwaTokens.evict(accountId);
        } else if (status == 401) { // Flipkart: expired or refused bearer token
            flipkartTokens.evict(accountId);
        } else if (status == 429) { // Amazon's bucket is emptier than ours: empty ours (a no-op for other marketplaces)
            rateLimits.searchOrdersThrottled(accountId);
        }
    }
}
