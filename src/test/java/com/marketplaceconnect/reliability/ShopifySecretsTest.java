package com.marketplaceconnect.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.marketplaceconnect.sandbox.shopify.ShopifyOrder;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;
import com.marketplaceconnect.shopify.ShopifyTestSupport;
import com.marketplaceconnect.support.Api;

/**
 * Shopify in the secret scan: a full flow (OAuth connect, webhooks, syncs, a refused token renewed by a refresh,
 * a shipment pushed, a dead refresh token, a migrated non-expiring token, every read API), then no token Shopify
 * issued, no authorization code and not the app's client secret in the log output, any API answer, or any table in
 * clear (as text, hex or base64).
 */
@ExtendWith(OutputCaptureExtension.class)
class ShopifySecretsTest extends ShopifyTestSupport {

    @Test
    void aFullShopifyFlowLeavesNoTokenOrSecretInLogsAnswersOrTables(CapturedOutput output) {
        List<String> bodies = new ArrayList<>();
        String shop = newShop();
        ShopifyShop s = shopify().shop(shop);
        String callback = authorizeAndGetCallback(shop, "secret-scan");
        String code = java.net.URLDecoder.decode(callback.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        var end = getNoRedirect(callback);
        assertThat(end.statusCode()).isEqualTo(302);
        bodies.add(end.body());
        long account = jdbc.queryForObject("select id from seller_account where external_account_id = ?", Long.class, shop);
        ShopifyOrder order = s.createOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOrderIds(account).contains(Long.toString(order.id())));
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");
        s.expireAccessTokens();
        assertThat(syncNow(account).get("status")).isEqualTo("SUCCEEDED");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "evt-" + UUID.randomUUID());
        event.put("accountId", account);
        event.put("marketplaceOrderId", Long.toString(order.id()));
        event.put("carrierCode", "UPS");
        event.put("trackingNumber", "1ZSECRETSCAN");
        event.put("shipDate", "2026-12-05T10:00:00Z");
        bodies.add(api().post("/api/shipments", event).body());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PUSHED".equals(jdbc.query(
                "select state from shipment_event where event_id = ?", rs -> rs.next() ? rs.getString(1) : null, event.get("eventId"))));
        // A migrated legacy token, and a shop whose refresh token died.
        String legacyShop = newShop();
        ShopifyShop legacy = shopify().shop(legacyShop);
        long legacyAccount = shopifyAccounts.connect(legacyShop, "secret-scan", Map.of("accessToken", legacy.issueNonExpiringToken()));
        assertThat(syncNow(legacyAccount).get("status")).isEqualTo("SUCCEEDED");
        legacy.expireAccessTokens();
        legacy.revokeRefreshTokens();
        assertThat(syncNow(legacyAccount).get("status")).isEqualTo("FAILED");
        for (String path : List.of("/api/accounts", "/api/accounts/" + account, "/api/accounts/" + legacyAccount,
                "/api/accounts/" + account + "/sync-runs", "/api/accounts/" + legacyAccount + "/sync-runs",
                "/api/shipments/" + event.get("eventId"), "/api/shipments?limit=200", "/v3/api-docs")) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            bodies.add(r.body());
        }

        Set<String> secrets = new HashSet<>(shopify().issuedSecrets());
        secrets.add(SECRET);
        secrets.add(code);
        assertThat(secrets).hasSizeGreaterThan(6);
        for (String body : bodies) {
            for (String secret : secrets) {
                assertThat(body).as("an API answer").doesNotContain(secret);
            }
        }
        String logs = output.getAll();
        for (String secret : secrets) {
            assertThat(logs.contains(secret)).as("a Shopify secret in the log output").isFalse();
        }
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("seller_account", "orders", "shopify_fulfillment", "shopify_compliance_request", "oauth_state");
        int rows = 0;
        for (String table : tables) {
            for (String row : jdbc.queryForList("select t::text from \"" + table + "\" t", String.class)) {
                rows++;
                String lower = row.toLowerCase();
                for (String secret : secrets) {
                    assertThat(row.contains(secret) || lower.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)))
                            || row.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                            .as("a Shopify secret in clear in table " + table).isFalse();
                }
            }
        }
        System.out.printf("RELIABILITY shopify-secret-scan tables=%d rows=%d secrets=%d found=0%n", tables.size(), rows, secrets.size());
    }
}
