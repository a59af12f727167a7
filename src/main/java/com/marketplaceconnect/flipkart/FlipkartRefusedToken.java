package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.shipments.ShipmentExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs before the one retry of a Flipkart call that answered 401 outside a sync (the tracking push): drops the
 * account's cached token, so the retried call — token step included — goes out with a new one.
 */
@Component("flipkartRefusedToken")
public class FlipkartRefusedToken implements Processor {
    private final FlipkartTokens tokens;

    public FlipkartRefusedToken(FlipkartTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void process(Exchange exchange) {
        Long accountId = exchange.getProperty(ShipmentExchange.ACCOUNT_ID, Long.class);
        if (accountId != null) {
            tokens.evict(accountId);
        }
    }
}
