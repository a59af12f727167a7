package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.connectors.ConnectOption;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;


/**
 * Flipkart on the connector contract: client-credentials tokens (a refused one is a 401: one retry with a new token,
 * then the credentials no longer work), one account per seller. Routes: flipkart-order-sync.yaml,
 * tracking-push-flipkart.yaml.
 */
@Component
public class FlipkartConnector implements MarketplaceConnector {
    public static final String MARKETPLACE = "FLIPKART";

    private final FlipkartTokens tokens;
    private final FlipkartAccounts accounts;

    public FlipkartConnector(FlipkartTokens tokens, FlipkartAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** The seller's page: the seller pastes its API application's credentials (Seller Hub → Manage apps). */
    @Override
    public List<ConnectOption> connectOptions() {
        return List.of(ConnectOption.form("keys", "Connect Flipkart", List.of(
                ConnectOption.Field.text("sellerId", "Seller ID", "Seller Hub → your profile"),
                ConnectOption.Field.text("applicationId", "Application ID", "Seller Hub → Manage apps → your self-access application"),
                ConnectOption.Field.secret("applicationSecret", "Application Secret", "Shown beside the Application ID; stored encrypted"))));
    }

    /** Tests the credentials with Flipkart (a token, one shipments search) before anything is saved. */
    @Override
    public long connectWithForm(String optionId, Map<String, String> fields, String sellerReference) {
        if (!"keys".equals(optionId)) {
            return MarketplaceConnector.super.connectWithForm(optionId, fields, sellerReference);
        }
        return accounts.connect(trim(fields.get("sellerId")), trim(fields.get("applicationId")), trim(fields.get("applicationSecret")),
                sellerReference);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
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
