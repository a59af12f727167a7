package com.marketplaceconnect.connectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Every connector's access tokens, per account: kept until {@code refreshMargin} before they expire, so no call goes out
 * with an expired one; concurrent callers of one account wait for one grant instead of each making their own. One
 * cache type for all connectors (Caffeine, with per-token expiry on the service's clock), so eviction and metrics
 * ({@code cache.*{cache=access-tokens, marketplace=…}}) are the same for each. Tokens are never logged.
 */
public final class AccessTokenCache {

    /** An access token and how long the marketplace said it lives. */
    public record AccessToken(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "AccessToken[lifetime=" + lifetime + "]";
        }
    }

    /** Gets a new token for an account (a refresh-token or client-credentials grant). */
    @FunctionalInterface
    public interface Grant {
        AccessToken obtain(long accountId) throws IOException;
    }

    private final Cache<Long, AccessToken> cache;

    public AccessTokenCache(String marketplace, Duration refreshMargin, Clock clock, MeterRegistry metrics) {
        this.cache = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.<Long, AccessToken>creating((account, token) -> {
                    Duration usable = token.lifetime().minus(refreshMargin);
                    return usable.isNegative() ? Duration.ZERO : usable;
                }))
                .recordStats()
                .build();
        if (metrics != null) {
            CaffeineCacheMetrics.monitor(metrics, cache, "access-tokens", "marketplace", marketplace);
        }
    }

    /** The account's token: cached while usable, else from {@code grant} (once, however many callers wait for it). */
    public String get(long accountId, Grant grant) throws IOException {
        try {
            return cache.get(accountId, id -> {
                try {
                    return grant.obtain(id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).value();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Keeps a token obtained elsewhere (a connection test), so the first call needs no new one. */
    public void put(long accountId, AccessToken token) {
        cache.put(accountId, token);
    }

    /** Forgets the account's token: the marketplace refused it, or the account was disconnected. */
    public void evict(long accountId) {
        cache.invalidate(accountId);
    }
}
