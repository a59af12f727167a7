package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.connectors.Signatures;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shopify's OAuth flow through the sandbox, black-box: the service's start, the sandbox's authorize page and Install
 * form, the signed redirect back, the code exchanged for an expiring offline token; and every refusal (bad HMAC, a
 * shop that is not a myshopify.com domain, a stale timestamp, a replayed state), after which nothing is saved.
 */
class ShopifyConnectTest extends ShopifyTestSupport {

    @Autowired
    AccountRepository accounts;

    private int shopifyAccounts(String shop) {
        return jdbc.queryForObject("select count(*) from seller_account where marketplace = 'SHOPIFY' and external_account_id = ?",
                Integer.class, shop);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> result = new LinkedHashMap<>();
        UriComponentsBuilder.fromUriString(url).build().getQueryParams()
                .forEach((k, v) -> result.put(k, java.net.URLDecoder.decode(v.get(0), StandardCharsets.UTF_8)));
        return result;
    }

    private String callbackWith(Map<String, String> params) {
        return baseUrl() + "/connect/shopify/callback?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Re-signs a changed query as Shopify would (the test knows the sandbox app's secret). */
    private static Map<String, String> resigned(Map<String, String> params) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put("hmac", ShopifyQuerySignature.sign(SECRET, copy));
        return copy;
    }

    @Test
    void aShopConnectsThroughTheAuthorizePageWithAnExpiringOfflineToken() {
        String shop = newShop();
        String callback = authorizeAndGetCallback(shop, "seller-42");
        assertThat(query(callback)).containsKeys("code", "hmac", "host", "shop", "state", "timestamp");

        var end = getNoRedirect(callback);
        assertThat(end.statusCode()).isEqualTo(302);
        assertThat(end.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        long id = jdbc.queryForObject("select id from seller_account where marketplace = 'SHOPIFY' and external_account_id = ?", Long.class, shop);
        assertThat(end.headers().firstValue("Location")).hasValue(DASHBOARD + "?accountId=" + id + "&status=CONNECTED");
        Map<String, Object> row = jdbc.queryForMap("select region, seller_reference, status from seller_account where id = ?", id);
        assertThat(row).containsEntry("region", "GLOBAL").containsEntry("seller_reference", "seller-42").containsEntry("status", "CONNECTED");
        // Expiring offline token: access token with its expiry and a refresh token, sealed (shopifyAccounts opens them).
        Map<String, String> credentials = accounts.credentials(id);
        assertThat(credentials).containsKeys("accessToken", "accessTokenExpiresAt", "refreshToken");
        assertThat(credentials.get("scope")).contains("read_orders", "write_merchant_managed_fulfillment_orders");
        // The code grant asked for an expiring token, with the app's credentials, at the shop's token endpoint.
        var grants = SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/oauth/access_token");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).body()).contains("\"expiring\":\"1\"").contains("\"client_id\":\"" + CLIENT_ID + "\"");
        // The order and uninstall topics are subscribed to this service's door, through the pinned API version.
        assertThat(shopify().shop(shop).webhooks().subscriptions()).extracting(s -> s.topic())
                .containsExactlyInAnyOrder("orders/create", "orders/updated", "orders/cancelled", "app/uninstalled");
        assertThat(shopify().shop(shop).webhooks().subscriptions()).allSatisfy(s ->
                assertThat(s.callbackUrl()).isEqualTo(baseUrl() + "/webhooks/shopify"));
        assertThat(SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/api/2026-10/graphql.json")).hasSize(4);
    }

    @Test
    void aReplayedCallbackIsRefusedAndChangesNothing() {
        String shop = newShop();
        String callback = authorizeAndGetCallback(shop, "seller-replay");
        assertThat(getNoRedirect(callback).statusCode()).isEqualTo(302);
        String credentialsBefore = jdbc.queryForObject("select encode(credentials_ciphertext, 'hex') from seller_account "
                + "where external_account_id = ?", String.class, shop);

        var replay = getNoRedirect(callback);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("unknown, expired or was already used");
        assertThat(shopifyAccounts(shop)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select encode(credentials_ciphertext, 'hex') from seller_account where external_account_id = ?",
                String.class, shop)).isEqualTo(credentialsBefore);
    }

    @Test
    void aBadHmacIsRefusedBeforeTheStateIsSpent() {
        String shop = newShop();
        String callback = authorizeAndGetCallback(shop, "seller-hmac");
        Map<String, String> params = query(callback);

        Map<String, String> forged = new LinkedHashMap<>(params);
        forged.put("hmac", Signatures.hexHmacSha256("not-the-secret", "code=" + params.get("code")));
        var refused = getNoRedirect(callbackWith(forged));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("signature (hmac) is not valid");
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("shop", newShop());
        assertThat(getNoRedirect(callbackWith(tampered)).statusCode()).isEqualTo(400);
        Map<String, String> unsigned = new LinkedHashMap<>(params);
        unsigned.remove("hmac");
        assertThat(getNoRedirect(callbackWith(unsigned)).statusCode()).isEqualTo(400);
        assertThat(shopifyAccounts(shop)).isZero();
        assertThat(SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/oauth/access_token")).isEmpty();

        // The genuine redirect still works: the forged ones did not use the state up.
        assertThat(getNoRedirect(callback).statusCode()).isEqualTo(302);
        assertThat(shopifyAccounts(shop)).isEqualTo(1);
    }

    @Test
    void aShopThatIsNotAMyshopifyDomainIsRefused() {
        var start = getNoRedirect(baseUrl() + "/connect/shopify/start?shop=evil.example.com&returnUrl="
                + URLEncoder.encode(DASHBOARD, StandardCharsets.UTF_8));
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(start.body()).contains("shop");
        for (String bad : List.of("evil.example.com", "-x.myshopify.com", "x.myshopify.com.evil.com", "a/b.myshopify.com")) {
            Map<String, String> params = resigned(Map.of("code", "abc", "host", "aG9zdA", "shop", bad, "state", "s",
                    "timestamp", Long.toString(CLOCK.instant().getEpochSecond())));
            var refused = getNoRedirect(callbackWith(params));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("not a myshopify.com shop domain");
            assertThat(shopifyAccounts(bad)).isZero();
        }
    }

    @Test
    void aStaleTimestampIsRefused() {
        String shop = newShop();
        Map<String, String> params = new LinkedHashMap<>(query(authorizeAndGetCallback(shop, "seller-stale")));
        params.remove("hmac");
        params.put("timestamp", Long.toString(CLOCK.instant().minusSeconds(600).getEpochSecond()));
        var refused = getNoRedirect(callbackWith(resigned(params)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("too old");
        assertThat(shopifyAccounts(shop)).isZero();
    }

    @Test
    void theInstallRequestIsVerifiedAndSentToTheAuthorizePage() {
        String shop = newShop();
        Map<String, String> install = resigned(Map.of("shop", shop, "host", "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUveA",
                "timestamp", Long.toString(CLOCK.instant().getEpochSecond())));
        String url = baseUrl() + "/connect/shopify?" + install.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var redirected = getNoRedirect(url);
        assertThat(redirected.statusCode()).isEqualTo(302);
        String location = redirected.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SANDBOX.baseUrl() + "/shopify/" + shop + "/admin/oauth/authorize?client_id=" + CLIENT_ID);
        assertThat(query(location)).containsEntry("redirect_uri", baseUrl() + "/connect/shopify/callback").containsKey("state")
                .containsEntry("scope", "read_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders");

        Map<String, String> forged = new LinkedHashMap<>(install);
        forged.put("hmac", "00" + install.get("hmac").substring(2));
        assertThat(getNoRedirect(url.replace(install.get("hmac"), forged.get("hmac"))).statusCode()).isEqualTo(400);
    }

    @Test
    void connectingTheSameShopAgainReconnectsTheSameAccount() {
        String shop = newShop();
        long first = connectShop(shop);
        shopify().shop(shop).uninstall();
        assertThat(webhook("app/uninstalled", shop, java.util.UUID.randomUUID().toString(), "{\"domain\":\"" + shop + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, first)).isEqualTo("DISCONNECTED");

        long second = connectShop(shop);
        assertThat(second).isEqualTo(first);
        assertThat(shopifyAccounts(shop)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, first)).isEqualTo("CONNECTED");
        assertThat(accounts.credentials(first)).containsKey("refreshToken");
    }
}
