package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.http.FormCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Shopify's authorization code grant, expiring offline tokens, refresh and token exchange, against the sandbox. */
class ShopifyOAuthTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private static final String ID = ShopifySettings.DEFAULT_CLIENT_ID;
    private static final String SECRET = ShopifySettings.DEFAULT_CLIENT_SECRET;
    private static final String SHOP_QUERY = "{ shop { name myshopifyDomain } }";
    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK));
        client = new ShopifyTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theConsentPageRedirectsWithAnHmacTheClientSecretVerifies() {
        Map<String, String> p = client.install("oauth-hmac.myshopify.com", ShopifyTestClient.SCOPES,
                "https://app.example.com/auth/callback", "state with spaces & more");
        assertThat(p.keySet()).containsExactlyInAnyOrder("code", "hmac", "host", "shop", "state", "timestamp");
        assertThat(p.get("shop")).isEqualTo("oauth-hmac.myshopify.com");
        assertThat(p.get("state")).isEqualTo("state with spaces & more");
        assertThat(Long.parseLong(p.get("timestamp"))).isEqualTo(CLOCK.instant().getEpochSecond());
        // what the app computes: every parameter but hmac, sorted, URL-encoded (spaces as %20), hex HMAC-SHA256
        Map<String, String> rest = new TreeMap<>(p);
        rest.remove("hmac");
        String message = rest.entrySet().stream()
                .map(e -> FormCodec.encode(e.getKey()) + "=" + FormCodec.encode(e.getValue()).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        assertThat(p.get("hmac")).isEqualTo(hmacHex(message, SECRET)).isNotEqualTo(hmacHex(message, "another-secret"));
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(p.get("host")), StandardCharsets.UTF_8))
                .isEqualTo("admin.shopify.com/store/oauth-hmac");
    }

    @Test
    void theCodeGivesAnExpiringOfflineTokenThatRefreshes() {
        String shop = "oauth-expiring.myshopify.com";
        JsonNode tokens = client.connect(shop);
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.get("access_token").asText()).startsWith("shpat_");
        assertThat(tokens.get("scope").asText()).isEqualTo(ShopifyTestClient.SCOPES);
        String access = tokens.get("access_token").asText();
        String refresh = tokens.get("refresh_token").asText();
        assertThat(client.graphql(shop, access, SHOP_QUERY).at("/data/shop/myshopifyDomain").asText()).isEqualTo(shop);

        CLOCK.advance(Duration.ofMinutes(60));
        assertThat(client.graphqlRaw(shop, access, SHOP_QUERY, null).statusCode()).isEqualTo(401);

        HttpResponse<String> refreshed = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode next = ShopifyTestClient.json(refreshed);
        assertThat(next.get("refresh_token").asText()).isNotEqualTo(refresh);
        assertThat(client.graphql(shop, next.get("access_token").asText(), SHOP_QUERY).has("errors")).isFalse();

        // the used refresh token stays valid until its replacement is used, then is retired
        HttpResponse<String> retry = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(retry.statusCode()).isEqualTo(200);
        String replacement = ShopifyTestClient.json(retry).get("refresh_token").asText();
        assertThat(client.token(shop, Map.of("client_id", ID, "client_secret", SECRET, "grant_type", "refresh_token",
                "refresh_token", replacement)).statusCode()).isEqualTo(200);
        HttpResponse<String> retired = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(retired.statusCode()).isEqualTo(400);
        assertThat(ShopifyTestClient.json(retired).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokedRefreshTokensAnswerInvalidGrant() {
        String shop = "oauth-revoked.myshopify.com";
        String refresh = client.connect(shop).get("refresh_token").asText();
        sandbox.shopify().shop(shop).revokeRefreshTokens();
        HttpResponse<String> r = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ShopifyTestClient.json(r).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeIsUsedOnceAndOnlyWithTheRightSecret() {
        String shop = "oauth-code.myshopify.com";
        Map<String, String> p = client.install(shop, "read_orders", "https://app.example.com/cb", "s1");
        HttpResponse<String> wrongSecret = client.token(shop, Map.of("client_id", ID, "client_secret", "wrong", "code", p.get("code")));
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(ShopifyTestClient.json(wrongSecret).get("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> ok = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET, "code", p.get("code")));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode nonExpiring = ShopifyTestClient.json(ok);
        assertThat(nonExpiring.has("expires_in")).isFalse();
        assertThat(nonExpiring.has("refresh_token")).isFalse();

        HttpResponse<String> again = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET, "code", p.get("code")));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(ShopifyTestClient.json(again).get("error_description").asText())
                .isEqualTo("The authorization code was not found or was already used");
    }

    @Test
    void aNonExpiringTokenIsMigratedByTokenExchange() {
        String shop = "oauth-migrate.myshopify.com";
        String old = sandbox.shopify().shop(shop).issueNonExpiringToken();
        assertThat(client.graphql(shop, old, SHOP_QUERY).has("errors")).isFalse();
        String type = "urn:shopify:params:oauth:token-type:offline-access-token";
        HttpResponse<String> r = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", old,
                "subject_token_type", type, "requested_token_type", type, "expiring", "1"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode migrated = ShopifyTestClient.json(r);
        assertThat(migrated.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(migrated.get("refresh_token").asText()).startsWith("shprt_");
        assertThat(client.graphql(shop, migrated.get("access_token").asText(), SHOP_QUERY).has("errors")).isFalse();
        assertThat(client.graphqlRaw(shop, old, SHOP_QUERY, null).statusCode()).isEqualTo(401);

        // a lost migration answer is recovered by retrying with the original token: the same pair
        CLOCK.advance(Duration.ofMinutes(90));
        HttpResponse<String> retry = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", old,
                "subject_token_type", type, "requested_token_type", type, "expiring", "1"));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(ShopifyTestClient.json(retry).get("access_token").asText()).isEqualTo(migrated.get("access_token").asText());
        assertThat(ShopifyTestClient.json(retry).get("refresh_token").asText()).isEqualTo(migrated.get("refresh_token").asText());
        assertThat(client.graphql(shop, migrated.get("access_token").asText(), SHOP_QUERY).has("errors")).isFalse();
        // ... until the pair is refreshed
        assertThat(client.token(shop, Map.of("client_id", ID, "client_secret", SECRET, "grant_type", "refresh_token",
                "refresh_token", migrated.get("refresh_token").asText())).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLate = client.token(shop, Map.of("client_id", ID, "client_secret", SECRET,
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", old,
                "subject_token_type", type, "requested_token_type", type, "expiring", "1"));
        assertThat(ShopifyTestClient.json(tooLate).get("error").asText()).isEqualTo("invalid_subject_token");
    }

    @Test
    void badRequestsAreRefusedLikeShopify() {
        HttpResponse<String> badClient = client.get(sandbox.shopify().shopBaseUrl("oauth-bad.myshopify.com")
                + "/admin/oauth/authorize?client_id=someone-else&scope=read_orders&redirect_uri=https%3A%2F%2Fa.example%2Fcb&state=x");
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(badClient.body()).contains("client_id provided is invalid");
        HttpResponse<String> badShop = client.get(sandbox.baseUrl() + "/shopify/not-a-shop.example.com/admin/oauth/authorize?client_id=" + ID);
        assertThat(badShop.statusCode()).isEqualTo(404);
        HttpResponse<String> unknownGrant = client.token("oauth-bad.myshopify.com", Map.of("client_id", ID,
                "client_secret", SECRET, "grant_type", "password"));
        assertThat(ShopifyTestClient.json(unknownGrant).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    private static String hmacHex(String message, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
