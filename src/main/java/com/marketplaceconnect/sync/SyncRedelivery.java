package com.marketplaceconnect.sync;

import com.marketplaceconnect.connectors.Connectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs before each retry of a marketplace call in a sync: counts the failed call, then lets the account's connector
 * prepare the retry (drop a refused token, empty a rate bucket the marketplace says is empty).
 */
@Component("syncRedelivery")
public class SyncRedelivery implements Processor {
    private final SyncRuns runs;
    private final Connectors connectors;

    public SyncRedelivery(SyncRuns runs, Connectors connectors) {
        this.runs = runs;
        this.connectors = connectors;
    }

    @Override
    public void process(Exchange exchange) {
        runs.countFailedCall(exchange);
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        connectors.of(exchange.getProperty(SyncProperties.MARKETPLACE, String.class))
                .beforeRetry(accountId, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }
}
