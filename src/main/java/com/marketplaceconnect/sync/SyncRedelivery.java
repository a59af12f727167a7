package com.marketplaceconnect.sync;

import com.marketplaceconnect.amazon.LwaTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Runs before each retry of a marketplace call: counts the failed call, and drops a token the marketplace refused. */
@Component("syncRedelivery")
public class SyncRedelivery implements Processor {
    private final SyncRuns runs;
    private final LwaTokens lwaTokens;

    public SyncRedelivery(SyncRuns runs, LwaTokens lwaTokens) {
        this.runs = runs;
        this.lwaTokens = lwaTokens;
    }

    @Override
    public void process(Exchange exchange) {
        runs.countFailedCall(exchange);
        if (SyncRuns.statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)) == 403) {
            lwaTokens.evict(exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class));
        }
    }
}
