package com.marketplaceconnect.sync;

import com.marketplaceconnect.amazon.LwaTokens;
import com.marketplaceconnect.flipkart.FlipkartTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Runs before each retry of a marketplace call: counts the failed call, and drops a token the marketplace refused. */
@Component("syncRedelivery")
public class SyncRedelivery implements Processor {
    private final SyncRuns runs;
    private final LwaTokens lwaTokens;
    private final FlipkartTokens flipkartTokens;

    public SyncRedelivery(SyncRuns runs, LwaTokens lwaTokens, FlipkartTokens flipkartTokens) {
        this.runs = runs;
        this.lwaTokens = lwaTokens;
        this.flipkartTokens = flipkartTokens;
    }

    @Override
    public void process(Exchange exchange) {
        runs.countFailedCall(exchange);
        int status = SyncRuns.statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (status == 403) { // SP-API: expired or refused LWA token
            lwaTokens.evict(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
        } else if (status == 401) { // Flipkart: expired or refused bearer token
            flipkartTokens.evict(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
        }
    }
}
