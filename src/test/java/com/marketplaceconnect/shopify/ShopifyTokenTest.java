package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;

/**
 * Expiring offline tokens: refreshed before they expire (the rotated refresh token stored sealed), a refused token
 * renewed by a refresh, a dead refresh token → NEEDS_REAUTH, a non-expiring token migrated by token exchange.
 */
class ShopifyTokenTest extends ShopifyTestSupport {

    @Autowired
    AccountRepository accounts;

    private static java.util.List<RecordedCall> grants(String shop, String grantType) {
        return SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/oauth/access_token").stream()
                .filter(c -> c.body().contains(grantType)).toList();
    }

    private static java.util.List<RecordedCall> graphql(String shop) {
        return SANDBOX.calls().matching("POST", "/shopify/" + shop + "/admin/api/2026-10/graphql.json");
    }

    @Test
    void theAccessTokenIsRefreshedBeforeItExpiresAndTheRotatedRefreshTokenIsStored() {
        // Tokens that live 4 minutes: always inside shopify.refresh-margin (5 minutes), so every call first refreshes,
        // each time while the token is still valid at Shopify, and stores the rotated pair. (The test clock is not
        // moved: the other sandboxes' rate limits measure time by it.)
        var settings = shopify().settings();
        shopify().configure(s -> s.withAccessTokenLifetime(Duration.ofMinutes(4)));
        try {
            String shop = newShop();
            shopify().shop(shop).createOrder();
            long account = connectShop(shop);
            Map<String, String> before = accounts.credentials(account);
            assertThat(Instant.parse(before.get("accessTokenExpiresAt"))).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(4)));

            assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");

            // One refresh before each GraphQL call (the 4 webhook subscriptions at connect, the sync's page).
            assertThat(grants(shop, "\"grant_type\":\"refresh_token\"")).hasSize(graphql(shop).size()).hasSize(5);
            Map<String, String> after = accounts.credentials(account);
            assertThat(after.get("refreshToken")).isNotEqualTo(before.get("refreshToken"));
            assertThat(after.get("accessToken")).isNotEqualTo(before.get("accessToken"));
            var calls = graphql(shop);
            assertThat(calls.get(calls.size() - 1).header("X-Shopify-Access-Token")).isEqualTo(after.get("accessToken"));
            // No call ever went out with an expired token: every GraphQL call was answered 200.
            assertThat(calls).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
        } finally {
            shopify().configure(s -> settings);
        }
        // With Shopify's 60-minute tokens the stored token is used as it is: no refresh.
        String shop = newShop();
        long account = connectShop(shop);
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");
        assertThat(grants(shop, "refresh_token")).isEmpty();
    }

    @Test
    void aRefusedAccessTokenIsRenewedWithTheRefreshToken() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        s.createOrder();
        long account = connectShop(shop);
        s.expireAccessTokens();

        Map<String, Object> run = syncNow(account);

        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        assertThat(grants(shop, "\"grant_type\":\"refresh_token\"")).hasSize(1);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, account)).isEqualTo("CONNECTED");
        assertThat(storedOrderIds(account)).hasSize(1);
    }

    @Test
    void aDeadRefreshTokenMarksTheAccountNeedsReauth() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        long account = connectShop(shop);
        s.expireAccessTokens();
        s.revokeRefreshTokens();

        Map<String, Object> run = syncNow(account);

        assertThat(run.get("status")).isEqualTo("FAILED");
        Map<String, Object> row = jdbc.queryForMap("select status, status_reason from seller_account where id = ?", account);
        assertThat(row.get("status")).isEqualTo("NEEDS_REAUTH");
        assertThat((String) row.get("status_reason")).contains("invalid_grant").contains("connect Shopify again");
    }

    @Test
    void aNonExpiringTokenIsMigratedByTokenExchange() {
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        s.createOrder();
        String legacy = s.issueNonExpiringToken();
        long account = shopifyAccounts.connect(shop, "seller-legacy", Map.of("accessToken", legacy, "scope", "read_orders"));

        Map<String, Object> run = syncNow(account);

        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        var exchanges = grants(shop, "urn:ietf:params:oauth:grant-type:token-exchange");
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0).body()).contains("\"expiring\":\"1\"")
                .contains("urn:shopify:params:oauth:token-type:offline-access-token");
        Map<String, String> migrated = accounts.credentials(account);
        assertThat(migrated).containsKeys("refreshToken", "accessTokenExpiresAt");
        assertThat(migrated.get("accessToken")).isNotEqualTo(legacy);
        assertThat(graphql(shop)).allSatisfy(c -> assertThat(c.header("X-Shopify-Access-Token")).isNotEqualTo(legacy));
        assertThat(storedOrderIds(account)).hasSize(1);
    }
}
