package com.marketplaceconnect.sandbox.amazon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Login with Amazon state: refresh tokens per selling partner, access tokens with an expiry, and single-use
 * authorization codes (5 minutes). Token values are secrets: nothing here logs them.
 */
final class LwaService {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    /** Expired access tokens are remembered this long, so a late caller is told "expired" rather than "invalid". */
    private static final Duration EXPIRED_TOKEN_MEMORY = Duration.ofDays(1);

    record AccessGrant(String sellingPartnerId, Instant expiresAt) {
    }

    private record AuthCode(String sellingPartnerId, String redirectUri, Instant expiresAt) {
    }

    /** Result of checking an x-amz-access-token: the seller, or why it was refused. */
    record AccessCheck(String sellingPartnerId, String refusal) {
        boolean ok() {
            return refusal == null;
        }
    }

    private final Clock clock;
    private final Duration accessTokenLifetime;
    private final String clientId;
    private final String clientSecret;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicLong accessTokensIssued = new AtomicLong();

    LwaService(Clock clock, Duration accessTokenLifetime, String clientId, String clientSecret) {
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        issued.add(clientSecret);
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    boolean clientMatches(String id, String secret) {
        return constantTimeEquals(clientId, id) & constantTimeEquals(clientSecret, secret);
    }

    String issueRefreshToken(String sellingPartnerId) {
        String token = "Atzr|IwEBI" + randomText(96);
        refreshTokens.put(token, sellingPartnerId);
        issued.add(token);
        return token;
    }

    void revokeRefreshTokens(String sellingPartnerId) {
        refreshTokens.values().removeIf(sellingPartnerId::equals);
    }

    /** The seller a live refresh token belongs to, or null. */
    String sellerForRefreshToken(String refreshToken) {
        return refreshToken == null ? null : refreshTokens.get(refreshToken);
    }

    String issueAccessToken(String sellingPartnerId) {
        String token = "Atza|IwEBI" + randomText(160);
        accessTokens.put(token, new AccessGrant(sellingPartnerId, clock.instant().plus(accessTokenLifetime)));
        issued.add(token);
        if (accessTokensIssued.incrementAndGet() % 4096 == 0) purgeExpired();
        return token;
    }

    AccessCheck checkAccessToken(String token) {
        if (token == null || token.isBlank()) {
            return new AccessCheck(null, "The request is missing the x-amz-access-token header.");
        }
        AccessGrant grant = accessTokens.get(token);
        if (grant == null) return new AccessCheck(null, "The access token you provided is not valid.");
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return new AccessCheck(null, "The access token you provided has expired.");
        }
        return new AccessCheck(grant.sellingPartnerId(), null);
    }

    String issueAuthorizationCode(String sellingPartnerId, String redirectUri) {
        String code = randomLetters(20);
        codes.put(code, new AuthCode(sellingPartnerId, redirectUri, clock.instant().plus(CODE_LIFETIME)));
        issued.add(code);
        return code;
    }

    /**
     * Redeems a code: the seller it was issued for, or null when unknown, used, expired or issued for another
     * redirect URI. Any redemption attempt uses the code up.
     */
    String redeemAuthorizationCode(String code, String redirectUri) {
        AuthCode authCode = code == null ? null : codes.remove(code);
        if (authCode == null) return null;
        if (!clock.instant().isBefore(authCode.expiresAt())) return null;
        if (!authCode.redirectUri().equals(redirectUri)) return null;
        return authCode.sellingPartnerId();
    }

    Set<String> issuedSecrets() {
        return Set.copyOf(issued);
    }

    private void purgeExpired() {
        Instant forgetBefore = clock.instant().minus(EXPIRED_TOKEN_MEMORY);
        accessTokens.values().removeIf(g -> g.expiresAt().isBefore(forgetBefore));
        Instant now = clock.instant();
        codes.values().removeIf(c -> c.expiresAt().isBefore(now));
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String randomLetters(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        if (actual == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
