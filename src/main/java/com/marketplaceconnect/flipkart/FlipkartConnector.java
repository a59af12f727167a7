package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import org.springframework.stereotype.Component;


/**
 * Flipkart on the connector contract: client-credentials tokens (a refused one is a 401: one retry with a new token,
 * then the credentials no longer work), one account per seller. Routes: flipkart-order-sync.yaml,
 * tracking-push-flipkart.yaml.
 */
@Component
public class FlipkartConnector implements MarketplaceConnector {
    public static final String MARKETPLACE = "FLIPKART";

    private final FlipkartTokens tokens;

    public FlipkartConnector(FlipkartTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String marketplace() {
        return MARKETPLACE;
    }

    @Override
    public void evictToken(long accountId) {
        tokens.evict(accountId);
    }

    /** 401: the token was refused; 429 and 5xx are retried; other 4xx refuse the request itself. */
    @Override
    public FailureKind classify(Throwable failure) {
        return Connectors.statusOf(failure) == 401 ? FailureKind.RENEW_TOKEN : MarketplaceConnector.super.classify(failure);
    }
}
