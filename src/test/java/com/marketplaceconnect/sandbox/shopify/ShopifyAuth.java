package com.marketplaceconnect.sandbox.shopify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Authorization codes, access tokens and refresh tokens of every shop. Offline access tokens look like Shopify's
 * ({@code shpat_} + 32 hex), refresh tokens {@code shprt_} + 32 hex. Expiry is on the sandbox clock.
 *
 * <p>Refresh tokens rotate: a refresh answers a new pair; the refresh token used stays valid until its replacement is
 * used (Shopify's behaviour since 2026-08-28, "more resilient refreshes"), then it is retired.
 */
final class ShopifyAuth {

    record Code(String shop, String scope, Instant expiresAt) {
    }

    static final class AccessGrant {
        final String shop;
        final String scope;
        volatile Instant expiresAt; // null: non-expiring
        volatile boolean revoked;

        AccessGrant(String shop, String scope, Instant expiresAt) {
            this.shop = shop;
            this.scope = scope;
            this.expiresAt = expiresAt;
        }
    }

    static final class RefreshGrant {
        final String shop;
        final String scope;
        final Instant expiresAt;
        final String predecessor; // retired when this one is used
        volatile boolean revoked;
        volatile boolean used;

        RefreshGrant(String shop, String scope, Instant expiresAt, String predecessor) {
            this.shop = shop;
            this.scope = scope;
            this.expiresAt = expiresAt;
            this.predecessor = predecessor;
        }
    }

    /** A token pair issued: refresh token and expiry null for a non-expiring token. */
    record Issued(String accessToken, String scope, Long expiresIn, String refreshToken, Long refreshTokenExpiresIn) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Supplier<ShopifySettings> settings;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    /** Non-expiring tokens migrated by token exchange: the pair issued, when, and the shop's acquisition count then. */
    private final Map<String, Migration> migrations = new ConcurrentHashMap<>();
    private final Map<String, Integer> acquisitions = new ConcurrentHashMap<>();

    record Migration(Issued issued, Instant at, int acquisition) {
    }

    ShopifyAuth(Clock clock, Supplier<ShopifySettings> settings) {
        this.clock = clock;
        this.settings = settings;
    }

    String issueCode(String shop, String scope) {
        String code = random(16);
        codes.put(code, new Code(shop, scope, clock.instant().plus(settings.get().authorizationCodeLifetime())));
        return code;
    }

    /** The code's grant, removed (one use); null when unknown, used, expired or of another shop. */
    Code redeemCode(String code, String shop) {
        Code c = code == null ? null : codes.remove(code);
        if (c == null || !c.shop().equals(shop) || !clock.instant().isBefore(c.expiresAt())) return null;
        return c;
    }

    Issued issue(String shop, String scope, boolean expiring, String predecessor) {
        ShopifySettings s = settings.get();
        Instant now = clock.instant();
        String access = "shpat_" + random(16);
        if (!expiring) {
            accessTokens.put(access, new AccessGrant(shop, scope, null));
            return new Issued(access, scope, null, null, null);
        }
        accessTokens.put(access, new AccessGrant(shop, scope, now.plus(s.accessTokenLifetime())));
        String refresh = "shprt_" + random(16);
        refreshTokens.put(refresh, new RefreshGrant(shop, scope, now.plus(s.refreshTokenLifetime()), predecessor));
        return new Issued(access, scope, s.accessTokenLifetime().toSeconds(), refresh, s.refreshTokenLifetime().toSeconds());
    }

    /** A new pair for a valid refresh token of the shop; null when unknown, revoked, retired or expired. */
    Issued refresh(String refreshToken, String shop) {
        RefreshGrant g = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (g == null || g.revoked || !g.shop.equals(shop) || !clock.instant().isBefore(g.expiresAt)) return null;
        if (g.predecessor != null) {
            RefreshGrant before = refreshTokens.get(g.predecessor);
            if (before != null) before.revoked = true;
        }
        g.used = true;
        return issue(shop, g.scope, true, refreshToken);
    }

    /** A new token acquisition for the shop (code grant, token exchange): ends the recovery of earlier migrations. */
    int acquired(String shop) {
        return acquisitions.merge(shop, 1, Integer::sum);
    }

    /**
     * Token exchange of a non-expiring offline token: revokes it and issues an expiring pair. Retrying with the same
     * original token within 7 days answers the same pair (its access token's expiry extended) until the pair is
     * refreshed or a later acquisition for the shop replaces it (Shopify, "More resilient token exchanges").
     * Null when the token is neither valid nor recoverable.
     */
    synchronized Issued migrate(String token, String shop) {
        AccessGrant old = nonExpiring(token, shop);
        if (old != null) {
            old.revoked = true;
            Issued issued = issue(shop, old.scope, true, null);
            migrations.put(token, new Migration(issued, clock.instant(), acquired(shop)));
            return issued;
        }
        Migration m = token == null ? null : migrations.get(token);
        if (m == null || !clock.instant().isBefore(m.at().plus(java.time.Duration.ofDays(7)))) return null;
        RefreshGrant pairRefresh = refreshTokens.get(m.issued().refreshToken());
        if (pairRefresh == null || pairRefresh.used || pairRefresh.revoked || !pairRefresh.shop.equals(shop)) return null;
        if (acquisitions.getOrDefault(shop, 0) != m.acquisition()) return null;
        AccessGrant access = accessTokens.get(m.issued().accessToken());
        Instant expiry = clock.instant().plus(settings.get().accessTokenLifetime());
        if (access.expiresAt.isBefore(expiry)) access.expiresAt = expiry;
        long refreshLeft = java.time.Duration.between(clock.instant(), pairRefresh.expiresAt).toSeconds();
        return new Issued(m.issued().accessToken(), m.issued().scope(), settings.get().accessTokenLifetime().toSeconds(),
                m.issued().refreshToken(), refreshLeft);
    }

    /** The grant of a valid non-expiring token of the shop, for the token-exchange migration; null otherwise. */
    AccessGrant nonExpiring(String token, String shop) {
        AccessGrant g = token == null ? null : accessTokens.get(token);
        if (g == null || g.revoked || g.expiresAt != null || !g.shop.equals(shop)) return null;
        return g;
    }

    void revokeAccessToken(String token) {
        AccessGrant g = accessTokens.get(token);
        if (g != null) g.revoked = true;
    }

    /** The grant behind an API call's X-Shopify-Access-Token; null when unknown, revoked, expired or of another shop. */
    AccessGrant check(String token, String shop) {
        AccessGrant g = token == null ? null : accessTokens.get(token);
        if (g == null || g.revoked || !g.shop.equals(shop)) return null;
        if (g.expiresAt != null && !clock.instant().isBefore(g.expiresAt)) return null;
        return g;
    }

    void revokeRefreshTokens(String shop) {
        refreshTokens.values().forEach(g -> {
            if (g.shop.equals(shop)) g.revoked = true;
        });
    }

    void expireAccessTokens(String shop) {
        accessTokens.values().forEach(g -> {
            if (g.shop.equals(shop) && g.expiresAt != null) g.revoked = true;
        });
    }

    void revokeAll(String shop) {
        accessTokens.values().forEach(g -> {
            if (g.shop.equals(shop)) g.revoked = true;
        });
        revokeRefreshTokens(shop);
    }

    /** Every token issued (access and refresh, valid or not): for leak scans. */
    Set<String> issuedSecrets() {
        Set<String> all = new java.util.HashSet<>(accessTokens.keySet());
        all.addAll(refreshTokens.keySet());
        return all;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
