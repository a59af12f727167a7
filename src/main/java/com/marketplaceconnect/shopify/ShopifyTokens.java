package com.marketplaceconnect.shopify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplaceconnect.accounts.AccountDisconnected;
import com.marketplaceconnect.accounts.ReauthorizationRequiredException;
import com.marketplaceconnect.connectors.AccessTokenCache;
import com.marketplaceconnect.sync.SyncProperties;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The token step of every Shopify call: puts the shop's access token in {@code X-Shopify-Access-Token} and the
 * shop's GraphQL endpoint in the property {@code shopifyGraphqlUrl}. Shopify's expiring offline tokens live 60
 * minutes: a token is used until {@code shopify.refresh-margin} before it expires, then refreshed with the
 * refresh_token grant; the refresh token rotates, so the new pair is sealed and stored at once. The refresh runs
 * with the account's row locked, so two instances never spend one refresh token twice (the second finds the new
 * token). A refused refresh (invalid_grant) means the seller must connect again: NEEDS_REAUTH. A non-expiring token
 * (an account connected before expiring tokens) is migrated with the token-exchange grant the first time it is met.
 */
@Component("shopifyTokens")
public class ShopifyTokens implements Processor {
    public static final String HEADER = "X-Shopify-Access-Token";
    public static final String GRAPHQL_URL = "shopifyGraphqlUrl";
    public static final String SHOP = "shopifyShop";
    private static final Logger log = LoggerFactory.getLogger(ShopifyTokens.class);

    private final ShopifyProperties properties;
    private final ShopifyAccounts accounts;
    private final ShopifyTokenEndpoint endpoint;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AccessTokenCache cache;
    /** Accounts whose stored access token Shopify refused: refreshed at the next grant even if not yet expired. */
    private final java.util.Set<Long> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Autowired
    public ShopifyTokens(ShopifyProperties properties, ShopifyAccounts accounts, ShopifyTokenEndpoint endpoint,
                         JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                         @Nullable MeterRegistry registry) {
        this.properties = properties;
        this.accounts = accounts;
        this.endpoint = endpoint;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.cache = new AccessTokenCache(ShopifyConnector.MARKETPLACE, properties.refreshMargin(), clock, registry);
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        String shop = exchange.getProperty(SHOP, String.class);
        if (shop == null) {
            shop = accounts.shopOf(accountId);
            exchange.setProperty(SHOP, shop);
        }
        exchange.setProperty(GRAPHQL_URL, properties.graphqlUrl(shop));
        exchange.getMessage().setHeader(HEADER, accessToken(accountId));
    }

    public String accessToken(long accountId) throws IOException {
        return cache.get(accountId, this::grant);
    }

    /** Forgets the account's token: Shopify refused it (401), so the next call refreshes instead of reusing it. */
    public void evict(long accountId) {
        refused.add(accountId);
        cache.evict(accountId);
    }

    @EventListener
    void disconnected(AccountDisconnected event) {
        evict(event.accountId());
    }

    /** The stored token while it is usable, else a refreshed (or migrated) one, stored before it is used. */
    private AccessTokenCache.AccessToken grant(long accountId) throws IOException {
        try {
            return transaction.execute(status -> {
                // The account's row lock: one refresh per account at a time, across instances.
                jdbc.queryForList("select id from seller_account where id = ? for update", Long.class, accountId);
                try {
                    return grantLocked(accountId);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private AccessTokenCache.AccessToken grantLocked(long accountId) throws IOException {
        Map<String, String> credentials = accounts.credentials(accountId);
        String shop = accounts.shopOf(accountId);
        Instant now = clock.instant();
        String accessToken = credentials.get("accessToken");
        String expiresAt = credentials.get("accessTokenExpiresAt");
        String refreshToken = credentials.get("refreshToken");
        boolean wasRefused = refused.remove(accountId);
        if (accessToken != null && expiresAt != null && !wasRefused) {
            Duration left = Duration.between(now, Instant.parse(expiresAt));
            if (left.compareTo(properties.refreshMargin()) > 0) {
                return new AccessTokenCache.AccessToken(accessToken, left);
            }
        }
        ShopifyTokenEndpoint.Grant granted;
        try {
            if (refreshToken != null) {
                granted = endpoint.refresh(shop, refreshToken, now);
                log.debug("Refreshed the Shopify access token of account {} (shop {})", accountId, shop);
            } else if (accessToken != null && expiresAt == null && !wasRefused) {
                granted = endpoint.migrate(shop, accessToken, now);
                log.info("Migrated the non-expiring Shopify token of account {} (shop {}) to an expiring one", accountId, shop);
            } else {
                throw new ReauthorizationRequiredException("Account " + accountId + " has no usable Shopify token: connect " + shop + " again");
            }
        } catch (ShopifyOAuthException e) {
            if (e.grantRefused()) {
                throw new ReauthorizationRequiredException("Shopify refused the refresh of shop " + shop + "'s token (" + e.error()
                        + "): the app was uninstalled or the grant expired. The seller must connect Shopify again.");
            }
            throw e;
        }
        if (granted.refreshToken() == null && granted.accessTokenExpiresAt() != null) {
            throw new IOException("Shopify answered the refresh of shop " + shop + " without a new refresh token");
        }
        accounts.storeCredentials(accountId, shop, granted.credentials());
        Duration lifetime = granted.accessTokenExpiresAt() == null ? Duration.ofDays(1)
                : Duration.between(now, granted.accessTokenExpiresAt());
        return new AccessTokenCache.AccessToken(granted.accessToken(), lifetime);
    }
}
