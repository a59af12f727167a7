package com.marketplaceconnect.operations;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Makes sure Camel reports its HTTP calls to {@link MarketplaceCallMetrics}. Camel registers the event notifier beans
 * it finds while its context is configured, and which beans exist by then depends on the order Spring creates them
 * in: a notifier not created yet is silently left out and no marketplace call is counted. Registered here, before
 * the context starts, it is always in.
 */
@Component
public class CallMetricsRegistration implements CamelContextConfiguration {
    private final MarketplaceCallMetrics callMetrics;

    public CallMetricsRegistration(MarketplaceCallMetrics callMetrics) {
        this.callMetrics = callMetrics;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        if (!context.getManagementStrategy().getEventNotifiers().contains(callMetrics)) {
            context.getManagementStrategy().addEventNotifier(callMetrics);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
    }
}
