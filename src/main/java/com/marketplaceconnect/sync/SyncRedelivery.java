package com.marketplaceconnect.sync;

import com.marketplaceconnect.amazon.AmazonRateLimits;
import com.marketplaceconnect.amazon.LwaTokens;
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
    private final AmazonRateLimits rateLimits;

    public SyncRedelivery(SyncRuns runs, LwaTokens lwaTokens, AmazonRateLimits rateLimits) {
        this.runs = runs;
        this.lwaTokens = lwaTokens;
        this.rateLimits = rateLimits;
    }

    @Override
    public void process(Exchange exchange) {
        runs.countFailedCall(exchange);
        int status = SyncRuns.statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (status == 403) {
            lwaTokens.evict(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
        } else if (status == 429) {
            rateLimits.searchOrdersThrottled(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
        }
    }
}
