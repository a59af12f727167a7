package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.connectors.ConnectOption;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * WooCommerce on the connector contract: every account is a self-hosted store with its own URL, called with the
 * store's REST API keys (HTTP Basic over HTTPS; no token to cache). A 401 means the keys were revoked or lost their
 * permission: one retry, then the account needs the seller (NEEDS_REAUTH). A 429 or 503 from a small shared host
 * empties the store's rate bucket before the retry. Routes: woocommerce-order-sync.yaml, woocommerce-webhooks.yaml,
 * tracking-push-woocommerce.yaml.
 */
@Component
public class WooCommerceConnector implements MarketplaceConnector {
    public static final String MARKETPLACE = "WOOCOMMERCE";

    private final WooCommerceRateLimits rateLimits;
    private final WooCommerceAccounts accounts;

    public WooCommerceConnector(WooCommerceRateLimits rateLimits, @Lazy WooCommerceAccounts accounts) {
        this.rateLimits = rateLimits;
        this.accounts = accounts;
    }

    @Override
    public String marketplace() {
        return MARKETPLACE;
    }

    @Override
    public String displayName() {
        return "WooCommerce";
    }

    @Override
    public java.util.Set<String> requestHeaders() {
        return java.util.Set.of("Authorization");
    }

    /** Keys, not tokens: nothing cached to forget. */
    @Override
    public void evictToken(long accountId) {
    }

    /** 401: the keys were refused (one retry, then NEEDS_REAUTH); 429 and 5xx retried; other 4xx refuse the request. */
    @Override
    public FailureKind classify(Throwable failure) {
        return Connectors.statusOf(failure) == 401 ? FailureKind.RENEW_TOKEN : MarketplaceConnector.super.classify(failure);
    }

    @Override
    public void beforeRetry(long accountId, Throwable failure) {
        int status = Connectors.statusOf(failure);
        if (status == 429 || status == 503) {
            rateLimits.throttled(accountId);
        }
    }

    @Override
    public List<ConnectOption> connectOptions() {
        return List.of(
                ConnectOption.redirect("oauth", "Connect with WooCommerce", "/connect/woocommerce/start",
                        List.of(ConnectOption.Field.text("storeUrl", "Store URL",
                                "The address of your store, e.g. https://shop.example.com; you approve the access on your store's page"))),
                ConnectOption.form("keys", "Connect with REST API keys", List.of(
                        ConnectOption.Field.text("storeUrl", "Store URL", "The address of your store, e.g. https://shop.example.com"),
                        ConnectOption.Field.text("consumerKey", "Consumer key",
                                "WooCommerce → Settings → Advanced → REST API → Add key (Read/Write): ck_…"),
                        ConnectOption.Field.secret("consumerSecret", "Consumer secret", "Shown once beside the consumer key: cs_…"))));
    }

    @Override
    public long connectWithForm(String optionId, Map<String, String> fields, String sellerReference) {
        if (!"keys".equals(optionId)) {
            return MarketplaceConnector.super.connectWithForm(optionId, fields, sellerReference);
        }
        return accounts.connectWithKeys(fields.get("storeUrl"), fields.get("consumerKey"), fields.get("consumerSecret"), sellerReference);
    }
}
