package com.marketplaceconnect.shopify;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.marketplaceconnect.connectors.ConnectOption;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;

/**
 * Shopify on the connector contract: a shop connects by OAuth (ShopifyConnectController) with expiring offline
 * tokens (ShopifyTokens), orders arrive by signed webhooks (routes/shopify-webhooks.yaml) and are reconciled by the
 * GraphQL sync (routes/shopify-order-sync.yaml), tracking goes out as fulfillments of the order's fulfillment orders
 * (routes/tracking-push-shopify.yaml).
 */
@Component
public class ShopifyConnector implements MarketplaceConnector {
    public static final String MARKETPLACE = "SHOPIFY";

    private final ShopifyTokens tokens;

    public ShopifyConnector(ShopifyTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String marketplace() {
        return MARKETPLACE;
    }

    @Override
    public Set<String> requestHeaders() {
        return Set.of(ShopifyTokens.HEADER);
    }

    @Override
    public void evictToken(long accountId) {
        tokens.evict(accountId);
    }

    /**
     * 401: the token was refused (revoked, or the app uninstalled): one retry with a freshly refreshed token, then
     * NEEDS_REAUTH. 429, 5xx, I/O errors and a THROTTLED answer (ShopifyThrottledException, an IOException) are
     * retried; 402 (shop frozen), 403 (scope missing), 404 and 423 (shop locked) refuse the request itself.
     */
    @Override
    public FailureKind classify(Throwable failure) {
        return Connectors.statusOf(failure) == 401 ? FailureKind.RENEW_TOKEN : MarketplaceConnector.super.classify(failure);
    }

    @Override
    public String displayName() {
        return "Shopify";
    }

    @Override
    public List<ConnectOption> connectOptions() {
        return List.of(ConnectOption.redirect("oauth", "Connect with Shopify", "/connect/shopify/start",
                List.of(ConnectOption.Field.text("shop", "Shop domain",
                        "Your store's myshopify.com domain, e.g. my-store.myshopify.com (Settings > Domains in the Shopify admin)"))));
    }
}
