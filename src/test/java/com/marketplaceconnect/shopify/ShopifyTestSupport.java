package com.marketplaceconnect.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;

import com.marketplaceconnect.connectors.Signatures;
import com.marketplaceconnect.support.IntegrationTest;

/**
 * The Shopify tests' shared helpers (shopify.* points at the sandbox's shops in test.properties, so they share the
 * suite's one context): the OAuth flow through the sandbox, syncs, and a client for the webhook door that signs like
 * Shopify.
 */
public abstract class ShopifyTestSupport extends IntegrationTest {
    static final String CLIENT_ID = "shopify-sandbox-client";
    protected static final String SECRET = "shopify-sandbox-secret";
    static final String DASHBOARD = "https://dashboard.example.test/sellers/shopify";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    protected ShopifyAccounts shopifyAccounts;

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    protected static com.marketplaceconnect.sandbox.shopify.ShopifySandbox shopify() {
        return SANDBOX.shopify();
    }

    protected static HttpResponse<String> getNoRedirect(String url) {
        try {
            return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The seller's browser up to Shopify's redirect back: the service's start (302 to the shop's authorize page), the
     * sandbox's consent page, its Install form posted; returns the callback URL Shopify redirects to (not followed).
     */
    protected String authorizeAndGetCallback(String shop, String sellerReference) {
        String start = baseUrl() + "/connect/shopify/start?shop=" + shop + "&sellerReference=" + sellerReference
                + "&returnUrl=" + java.net.URLEncoder.encode(DASHBOARD, StandardCharsets.UTF_8);
        HttpResponse<String> started = getNoRedirect(start);
        if (started.statusCode() != 302) {
            throw new AssertionError("start answered " + started.statusCode() + ": " + started.body());
        }
        String authorize = started.headers().firstValue("Location").orElseThrow();
        com.marketplaceconnect.support.Browser browser = new com.marketplaceconnect.support.Browser();
        com.marketplaceconnect.support.Browser.Page consent = browser.get(authorize);
        if (consent.status() != 200) {
            throw new AssertionError("the authorize page answered " + consent.status() + ": " + consent.body());
        }
        Map<String, String> form = new java.util.LinkedHashMap<>(consent.hiddenFields());
        form.put("install", "install");
        String body = form.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        try {
            HttpResponse<String> installed = NO_REDIRECTS.send(HttpRequest.newBuilder(consent.formAction())
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (installed.statusCode() != 302) {
                throw new AssertionError("Install answered " + installed.statusCode() + ": " + installed.body());
            }
            return installed.headers().firstValue("Location").orElseThrow();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole OAuth flow for a shop; returns the account id the service redirected with. */
    protected long connectShop(String shop) {
        HttpResponse<String> end = getNoRedirect(authorizeAndGetCallback(shop, "seller-" + shop));
        String location = end.headers().firstValue("Location").orElseThrow(() -> new AssertionError("callback answered "
                + end.statusCode() + ": " + end.body()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("accountId=(\\d+)&status=CONNECTED").matcher(location);
        if (!m.find()) {
            throw new AssertionError("not connected: " + location);
        }
        return Long.parseLong(m.group(1));
    }

    protected com.marketplaceconnect.support.Api api() {
        return new com.marketplaceconnect.support.Api(baseUrl());
    }

    /** "Sync Orders" for the account, waited for; returns the run's row. */
    protected Map<String, Object> syncNow(long accountId) {
        var r = api().post("/api/accounts/" + accountId + "/sync", Map.of());
        if (r.status() != 202) {
            throw new AssertionError("sync not started: " + r.status() + " " + r.body());
        }
        long runId = r.json().get("runId").asLong();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .until(() -> !"RUNNING".equals(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        return jdbc.queryForMap("select * from sync_run where id = ?", runId);
    }

    protected java.util.Set<String> storedOrderIds(long accountId) {
        return new java.util.HashSet<>(jdbc.queryForList("select marketplace_order_id from orders where account_id = ?", String.class, accountId));
    }

    protected static java.util.Set<String> ids(java.util.Collection<com.marketplaceconnect.sandbox.shopify.ShopifyOrder> orders) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        orders.forEach(o -> ids.add(Long.toString(o.id())));
        return ids;
    }

    protected static String newShop() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }

    /** An account for a shop without going through OAuth (webhook tests): credentials that no call will use. */
    protected long connectedWithoutOAuth(String shop) {
        return shopifyAccounts.connect(shop, "seller-" + shop, Map.of("accessToken", "shpat_unused",
                "accessTokenExpiresAt", "2099-01-01T00:00:00Z", "refreshToken", "shprt_unused"));
    }

    protected HttpResponse<String> webhook(String topic, String shop, String webhookId, String body) {
        return webhook(topic, shop, webhookId, body, Signatures.base64HmacSha256(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    protected HttpResponse<String> webhook(String topic, String shop, String webhookId, String body, String hmac) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/shopify"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-API-Version", "2026-10")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (hmac != null) {
            request.header("X-Shopify-Hmac-Sha256", hmac);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
