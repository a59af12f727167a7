package com.marketplaceconnect.connectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The step before an immediate retry of a call whose token the marketplace refused (onRedeliveryRef of the tracking
 * push's token-refresh policy, routes/policy-tracking-push.yaml): the exchange's connector drops the account's token,
 * so the retried call, token step included, goes out with a new one. Error policies can reference only a Processor
 * there, hence this one over {@link Connectors#dropRefusedToken}.
 */
@Component("dropRefusedToken")
public class RefusedTokenRedelivery implements Processor {
    private final Connectors connectors;

    public RefusedTokenRedelivery(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public void process(Exchange exchange) {
        connectors.dropRefusedToken(exchange);
    }
}
