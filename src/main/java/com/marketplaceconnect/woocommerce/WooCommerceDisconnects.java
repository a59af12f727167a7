package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.AccountDisconnected;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.sync.SyncErrors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * On disconnect, the store's webhooks of this account are deleted (route woocommerce-delete-webhooks) with the
 * sealed copy of the keys kept for it; the copy is erased afterwards whatever the outcome (the keys are the
 * seller's to revoke; a webhook left behind is refused at the door: no secret, no valid signature).
 */
@Component
public class WooCommerceDisconnects {
    private static final Logger log = LoggerFactory.getLogger(WooCommerceDisconnects.class);

    private final AccountRepository accounts;
    private final WooCommerceStores stores;
    private final ProducerTemplate producer;

    public WooCommerceDisconnects(AccountRepository accounts, WooCommerceStores stores, ProducerTemplate producer) {
        this.accounts = accounts;
        this.stores = stores;
        this.producer = producer;
    }

    @EventListener
    public void disconnected(AccountDisconnected event) {
        long accountId = event.accountId();
        boolean ours = accounts.find(accountId).map(a -> WooCommerceConnector.MARKETPLACE.equals(a.marketplace())).orElse(false);
        if (!ours) return;
        Optional<Map<String, String>> keys = stores.cleanupCredentials(accountId);
        try {
            if (keys.isPresent()) {
                Exchange result = producer.send("direct:woocommerce-delete-webhooks", e -> {
                    e.setProperty("accountId", accountId);
                    e.setProperty("marketplace", WooCommerceConnector.MARKETPLACE);
                    e.setProperty(WooCommerceAuth.CREDENTIALS, keys.get());
                });
                if (result.getException() != null) {
                    log.warn("WooCommerce account {}: its webhooks could not all be deleted ({}); deliveries are refused at the door",
                            accountId, SyncErrors.describe(result.getException()));
                } else {
                    log.info("WooCommerce account {} disconnected: its webhooks were deleted from the store", accountId);
                }
            }
        } finally {
            stores.eraseCleanupCredentials(accountId);
            stores.forgetWebhooks(accountId);
        }
    }
}
