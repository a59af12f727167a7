package com.marketplaceconnect.shopify;

import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import com.marketplaceconnect.accounts.AccountDisconnected;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.credentials.CredentialCipher;
import com.marketplaceconnect.credentials.SealedCredentials;

/**
 * Shopify accounts: one per shop ({@code external_account_id} = the myshopify.com domain, region {@value #REGION}),
 * their sealed credentials (access token, its expiry, the rotating refresh token), and the uninstall.
 */
@Service
public class ShopifyAccounts {
    /** Shops have no region; one value so that (marketplace, region, shop) stays the account's key. */
    public static final String REGION = "GLOBAL";

    private final AccountRepository accounts;
    private final JdbcTemplate jdbc;
    private final CredentialCipher cipher;
    private final ApplicationEventPublisher events;

    public ShopifyAccounts(AccountRepository accounts, JdbcTemplate jdbc, CredentialCipher cipher, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
    }

    /** Creates the shop's account or reconnects it (same shop, same account): CONNECTED, new sealed credentials. */
    public long connect(String shop, String sellerReference, Map<String, String> credentials) {
        return accounts.connect(ShopifyConnector.MARKETPLACE, REGION, shop, sellerReference, credentials, Map.of(ShopifySyncPlanner.MARKETPLACE_CODE, shop));
    }

    public Optional<SellerAccount> byShop(String shop) {
        return accounts.findByExternalId(ShopifyConnector.MARKETPLACE, REGION, shop);
    }

    /** The shop domain of an account. */
    public String shopOf(long accountId) {
        return jdbc.queryForObject("select external_account_id from seller_account where id = ? and marketplace = ?",
                String.class, accountId, ShopifyConnector.MARKETPLACE);
    }

    public Map<String, String> credentials(long accountId) {
        return accounts.credentials(accountId);
    }

    /**
     * Replaces the stored credentials after a refresh (the refresh token rotated), sealed as at connect. A
     * disconnected account stays without credentials. Returns whether they were stored.
     */
    public boolean storeCredentials(long accountId, String shop, Map<String, String> credentials) {
        SealedCredentials sealed = cipher.seal(SellerAccount.credentialBinding(ShopifyConnector.MARKETPLACE, REGION, shop), credentials);
        return jdbc.update("""
                update seller_account set credentials_ciphertext = ?, credentials_key_id = ?, updated_at = now()
                 where id = ? and status <> 'DISCONNECTED'
                """, sealed.ciphertext(), sealed.keyId(), accountId) == 1;
    }

    /** app/uninstalled: DISCONNECTED, credentials erased; orders and watermarks stay. */
    public Optional<Long> uninstalled(String shop) {
        Optional<SellerAccount> account = byShop(shop);
        account.ifPresent(a -> {
            accounts.disconnect(a.id(), "The app was uninstalled from " + shop + " (app/uninstalled webhook)");
            events.publishEvent(new AccountDisconnected(a.id()));
        });
        return account.map(SellerAccount::id);
    }
}
