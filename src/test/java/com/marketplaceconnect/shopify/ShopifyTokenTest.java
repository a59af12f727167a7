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
        // Tokens of 7 minutes instead of 60, so the test clock moves 3 minutes, not 56 (the other sandboxes' rate
        // limits measure time by that clock too).
        var settings = shopify().settings();
        shopify().configure(s -> s.withAccessTokenLifetime(Duration.ofMinutes(7)));
        try {
            String shop = newShop();
            shopify().shop(shop).createOrder();
            long account = connectShop(shop);
            refreshedBeforeExpiry(shop, account);
        } finally {
            shopify().configure(s -> settings);
        }
    }

    private void refreshedBeforeExpiry(String shop, long account) {
        Map<String, String> before = accounts.credentials(account);
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");
        assertThat(grants(shop, "refresh_token")).isEmpty();

        // 3 minutes on: 4 minutes left, inside shopify.refresh-margin (5 minutes), still valid at Shopify.
        CLOCK.advance(Duration.ofMinutes(3));
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");

        assertThat(grants(shop, "\"grant_type\":\"refresh_token\"")).hasSize(1);
        Map<String, String> after = accounts.credentials(account);
        assertThat(after.get("refreshToken")).isNotEqualTo(before.get("refreshToken"));
        assertThat(after.get("accessToken")).isNotEqualTo(before.get("accessToken"));
        assertThat(Instant.parse(after.get("accessTokenExpiresAt"))).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(7)));
        var calls = graphql(shop);
        assertThat(calls.get(calls.size() - 1).header("X-Shopify-Access-Token")).isEqualTo(after.get("accessToken"));
        // No call ever went out with an expired token: every GraphQL call was answered 200.
        assertThat(calls).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
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
