package com.marketplaceconnect.amazon;

import com.marketplaceconnect.connectors.ConnectOption;
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

    /** The storefront a seller knows each marketplace by. */
    private static final java.util.Map<AmazonMarketplace, String> STOREFRONTS = new java.util.EnumMap<>(java.util.Map.ofEntries(
            java.util.Map.entry(AmazonMarketplace.CA, "amazon.ca"), java.util.Map.entry(AmazonMarketplace.US, "amazon.com"),
            java.util.Map.entry(AmazonMarketplace.MX, "amazon.com.mx"), java.util.Map.entry(AmazonMarketplace.BR, "amazon.com.br"),
            java.util.Map.entry(AmazonMarketplace.IE, "amazon.ie"), java.util.Map.entry(AmazonMarketplace.ES, "amazon.es"),
            java.util.Map.entry(AmazonMarketplace.UK, "amazon.co.uk"), java.util.Map.entry(AmazonMarketplace.FR, "amazon.fr"),
            java.util.Map.entry(AmazonMarketplace.BE, "amazon.com.be"), java.util.Map.entry(AmazonMarketplace.NL, "amazon.nl"),
            java.util.Map.entry(AmazonMarketplace.DE, "amazon.de"), java.util.Map.entry(AmazonMarketplace.IT, "amazon.it"),
            java.util.Map.entry(AmazonMarketplace.SE, "amazon.se"), java.util.Map.entry(AmazonMarketplace.ZA, "amazon.co.za"),
            java.util.Map.entry(AmazonMarketplace.PL, "amazon.pl"), java.util.Map.entry(AmazonMarketplace.EG, "amazon.eg"),
            java.util.Map.entry(AmazonMarketplace.TR, "amazon.com.tr"), java.util.Map.entry(AmazonMarketplace.SA, "amazon.sa"),
            java.util.Map.entry(AmazonMarketplace.AE, "amazon.ae"), java.util.Map.entry(AmazonMarketplace.IN, "amazon.in"),
            java.util.Map.entry(AmazonMarketplace.SG, "amazon.sg"), java.util.Map.entry(AmazonMarketplace.AU, "amazon.com.au"),
            java.util.Map.entry(AmazonMarketplace.JP, "amazon.co.jp")));

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

    /**
     * The seller's page: "Connect with Amazon" sends the browser to the public start of the website authorization
     * workflow with the marketplace picked (its region follows), then Seller Central's consent page.
     */
    @Override
    public List<ConnectOption> connectOptions() {
        List<ConnectOption.Choice> choices = java.util.Arrays.stream(AmazonMarketplace.values())
                .map(m -> new ConnectOption.Choice(m.name(), STOREFRONTS.get(m) + " (" + m.name() + ", region " + m.region() + ")"))
                .toList();
        return List.of(ConnectOption.redirect("oauth", "Connect with Amazon", "/connect/amazon/start", List.of(
                ConnectOption.Field.choice("marketplace", "Marketplace",
                        "Where you sell; the other marketplaces of its region can be enabled after connecting", choices))));
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
