package com.marketplaceconnect.amazon;

import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Amazon on the connector contract: Login with Amazon tokens (a refused one shows as 403 on the SP-API), usage-plan
 * rate buckets, and the marketplaces of an account's region. Routes: amazon-order-sync.yaml,
 * tracking-push-amazon.yaml.
 */
@Component
public class AmazonConnector implements MarketplaceConnector {
    public static final String MARKETPLACE = "AMAZON";

    private final LwaTokens tokens;
    private final AmazonRateLimits rateLimits;
    private final AmazonAccounts accounts;

    public AmazonConnector(LwaTokens tokens, AmazonRateLimits rateLimits, AmazonAccounts accounts) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.accounts = accounts;
    }

    @Override
    public String marketplace() {
        return MARKETPLACE;
    }

    /** The LWA token header of every SP-API call. */
    @Override
    public java.util.Set<String> requestHeaders() {
        return java.util.Set.of(LwaTokens.HEADER);
    }

    @Override
    public void evictToken(long accountId) {
        tokens.evict(accountId);
    }

    /** 429, 5xx and 403 (the SP-API's answer to an expired or refused LWA token) are retried; other 4xx are not. */
    @Override
    public FailureKind classify(Throwable failure) {
        return Connectors.statusOf(failure) == 403 ? FailureKind.RETRY : MarketplaceConnector.super.classify(failure);
    }

    @Override
    public boolean tokenRefused(Throwable failure) {
        return Connectors.statusOf(failure) == 403;
    }

    /** A 403 drops the token; a 429 empties the client's searchOrders bucket (Amazon's is emptier than ours). */
    @Override
    public void beforeRetry(long accountId, Throwable failure) {
        int status = Connectors.statusOf(failure);
        if (status == 403) {
            tokens.evict(accountId);
        } else if (status == 429) {
            rateLimits.searchOrdersThrottled(accountId);
        }
    }

    @Override
    public List<String> availableMarketplaces(String region, List<String> enabled) {
        return AmazonAccounts.marketplaceCodes(region);
    }

    @Override
    public void setMarketplaces(long accountId, String region, List<String> codes) {
        accounts.setMarketplaces(accountId, region, codes);
    }
}
