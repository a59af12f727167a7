package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flipkart's OAuth service for self-access applications: {@code GET /oauth-service/oauth/token} with the client
 * credentials grant and HTTP Basic app credentials, and the bearer check every Seller API call goes through.
 * Tokens last 60 days of sandbox-clock time. Token and secret values are never logged.
 */
final class FlipkartAuth {

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(5_184_000);
    static final String SCOPE = "Seller_Api";

    private record App(String sellerId, String secret) {
    }

    private record Grant(String sellerId, Instant expiresAt) {
    }

    /** The seller a bearer token belongs to, or the 401 to answer. */
    record Access(String sellerId, SandboxResponse refusal) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    FlipkartAuth(Clock clock) {
        this.clock = clock;
    }

    FlipkartSeller register(String sellerId) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        String appId = HexFormat.of().formatHex(id);
        String secret = newSecret();
        apps.put(appId, new App(sellerId, secret));
        issued.add(secret);
        return new FlipkartSeller(sellerId, appId, secret);
    }

    /** An application of the seller with the given id and secret; the same again is a no-op, another seller's id refused. */
    FlipkartSeller register(String sellerId, String appId, String secret) {
        if (appId == null || appId.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("application id and secret must not be blank");
        }
        App existing = apps.putIfAbsent(appId, new App(sellerId, secret));
        if (existing != null && !existing.equals(new App(sellerId, secret))) {
            throw new IllegalArgumentException("application " + appId + " is registered already with other credentials");
        }
        issued.add(secret);
        return new FlipkartSeller(sellerId, appId, secret);
    }

    /** A new secret for the seller's app(s); the old one stops working. */
    FlipkartSeller rotateSecret(String sellerId) {
        for (Map.Entry<String, App> e : apps.entrySet()) {
            if (e.getValue().sellerId().equals(sellerId)) {
                String secret = newSecret();
                e.setValue(new App(sellerId, secret));
                issued.add(secret);
                return new FlipkartSeller(sellerId, e.getKey(), secret);
            }
        }
        throw new IllegalArgumentException("unknown seller " + sellerId);
    }

    void expireTokens(String sellerId) {
        Instant now = clock.instant();
        tokens.replaceAll((token, grant) -> grant.sellerId().equals(sellerId) ? new Grant(sellerId, now) : grant);
    }

    Set<String> issuedSecrets() {
        return Set.copyOf(issued);
    }

    SandboxResponse token(SandboxRequest request) {
        String[] credentials = basic(request.header("authorization"));
        if (credentials == null) {
            return FlipkartJson.oauthError(401, "unauthorized", "Full authentication is required to access this resource");
        }
        App app = apps.get(credentials[0]);
        if (app == null) {
            return FlipkartJson.oauthError(401, "unauthorized", "No client with requested id: " + credentials[0]);
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8), credentials[1].getBytes(StandardCharsets.UTF_8))) {
            return FlipkartJson.oauthError(401, "unauthorized", "Bad credentials");
        }
        String grantType = request.queryParam("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return FlipkartJson.oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        }
        String scope = request.queryParam("scope");
        if (scope != null && !SCOPE.equals(scope)) {
            return FlipkartJson.oauthError(400, "invalid_scope", "Invalid scope: " + scope);
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, new Grant(app.sellerId(), clock.instant().plus(TOKEN_LIFETIME)));
        issued.add(token);
        ObjectNode body = FlipkartJson.JSON.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds() - 1);
        body.put("scope", SCOPE);
        return SandboxResponse.json(200, FlipkartJson.write(body)).header("Cache-Control", "no-store");
    }

    Access check(SandboxRequest request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return new Access(null, FlipkartJson.oauthError(401, "unauthorized", "Full authentication is required to access this resource"));
        }
        Grant grant = tokens.get(header.substring(7).trim());
        if (grant == null) {
            return new Access(null, FlipkartJson.oauthError(401, "invalid_token", "Invalid access token"));
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return new Access(null, FlipkartJson.oauthError(401, "invalid_token", "Access token expired"));
        }
        return new Access(grant.sellerId(), null);
    }

    private String newSecret() {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** [appId, secret] from {@code Authorization: Basic base64(appId:secret)}, or null. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
