package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Connecting a store: by keys (tested before saving), one-click (wc-auth), the SSRF rule, and disconnecting. */
class WooCommerceConnectTest extends WooCommerceTestSupport {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private void assertRefused(Map<String, String> body, String field, String messagePart) {
        int before = accountCount();
        var response = api().post("/api/accounts/woocommerce", body);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).contains(messagePart);
        assertThat(accountCount()).as("nothing saved").isEqualTo(before);
    }

    @Test
    void keysTheStoreRefusesAreReportedWithItsMessageAndNothingIsSaved() {
        WooStore store = newStore(false);
        WooStore.Key key = store.createKey("read_write");
        assertRefused(Map.of("storeUrl", store.url(), "consumerKey", "ck_" + "0".repeat(40), "consumerSecret", key.consumerSecret()),
                "consumerKey", "Consumer key is invalid");
        assertRefused(Map.of("storeUrl", store.url(), "consumerKey", key.consumerKey(), "consumerSecret", "cs_wrong"),
                "consumerSecret", "Consumer secret is invalid");
        WooStore.Key readOnly = store.createKey("read");
        assertRefused(Map.of("storeUrl", store.url(), "consumerKey", readOnly.consumerKey(), "consumerSecret", readOnly.consumerSecret()),
                "consumerKey", "Read/Write");
        // No such store (the site answers 404), and a site that is not WooCommerce (HTML where the API should be).
        assertRefused(Map.of("storeUrl", SANDBOX.baseUrl() + "/woocommerce/nosuchstore", "consumerKey", key.consumerKey(),
                "consumerSecret", key.consumerSecret()), "storeUrl", "no WooCommerce REST API");
        assertRefused(Map.of("storeUrl", store.url() + "/blog", "consumerKey", key.consumerKey(), "consumerSecret", key.consumerSecret()),
                "storeUrl", "not a WooCommerce store");
        assertThat(store.webhooks()).isEmpty();
        // A missing field: 400 naming it.
        var missing = api().post("/api/accounts/woocommerce", Map.of("storeUrl", store.url(), "consumerKey", key.consumerKey()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("consumerSecret");
    }

    @Test
    void privateLoopbackAndLinkLocalAddressesAreRefusedBeforeAnyCall() {
        int calls = SANDBOX.calls().size();
        for (String url : new String[]{"https://10.1.2.3", "http://169.254.169.254/latest/meta-data", "https://192.168.0.10/shop",
                "http://[::1]:8080", "https://100.64.0.1", "http://0.0.0.0:8089/woocommerce/x", "https://[fd00::1]"}) {
            assertRefused(Map.of("storeUrl", url, "consumerKey", "ck_x", "consumerSecret", "cs_x"), "storeUrl", "non-public address");
        }
        assertRefused(Map.of("storeUrl", "https://user:pw@shop.example.com", "consumerKey", "ck_x", "consumerSecret", "cs_x"),
                "storeUrl", "without user");
        assertRefused(Map.of("storeUrl", "ftp://shop.example.com", "consumerKey", "ck_x", "consumerSecret", "cs_x"), "storeUrl", "https://");
        assertThat(SANDBOX.calls().size()).isEqualTo(calls);
        var oneClick = api().post("/api/connect/woocommerce", Map.of("storeUrl", "http://169.254.169.254"));
        assertThat(oneClick.status()).isEqualTo(422);
        assertThat(oneClick.json().get("field").asText()).isEqualTo("storeUrl");
    }

    @Test
    void oneClickTheStoreSendsTheKeysToTheCallbackAndTheSellerReturnsConnected() throws Exception {
        WooStore store = newStore(true);
        var start = api().post("/api/connect/woocommerce", Map.of("storeUrl", store.url() + "/", "sellerReference", "seller-42",
                "returnUrl", "https://dashboard.example.test/sellers/42"));
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        String authorizeUrl = start.json().get("authorizeUrl").asText();
        assertThat(authorizeUrl).startsWith(store.url() + "/wc-auth/v1/authorize?app_name=").contains("scope=read_write")
                .contains("callback_url=" + java.net.URLEncoder.encode(baseUrl() + "/connect/woocommerce/callback", "UTF-8"));

        // WooCommerce refuses a callback_url that is not https; the sandbox store accepts one only when told to (tests).
        HttpResponse<String> refused = get(authorizeUrl);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("The callback_url needs to be over SSL");
        store.acceptPlainHttpCallbacks(true);

        int before = accountCount();
        HttpResponse<String> page = get(authorizeUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher approve = Pattern.compile("id=\"approve\"[^>]*href=\"([^\"]+)\"").matcher(page.body());
        assertThat(approve.find()).isTrue();
        HttpResponse<String> granted = get(approve.group(1).replace("&amp;", "&"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(302);
        String back = granted.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(baseUrl() + "/connect/woocommerce/return?").contains("success=1");

        HttpResponse<String> returned = get(back);
        assertThat(returned.statusCode()).isEqualTo(302);
        String target = returned.headers().firstValue("Location").orElseThrow();
        assertThat(target).startsWith("https://dashboard.example.test/sellers/42?accountId=").endsWith("&status=CONNECTED");
        long accountId = Long.parseLong(target.replaceAll(".*accountId=(\\d+).*", "$1"));
        assertThat(accountCount()).isEqualTo(before + 1);
        var account = api().get("/api/accounts/" + accountId).json();
        assertThat(account.get("marketplace").asText()).isEqualTo("WOOCOMMERCE");
        assertThat(account.get("externalAccountId").asText()).isEqualTo(store.url());
        assertThat(account.get("sellerReference").asText()).isEqualTo("seller-42");
        assertThat(store.keys()).hasSize(1);
        assertThat(store.keys().get(0).description()).startsWith("Marketplace Connect - API (");
        assertThat(store.webhooks()).hasSize(3);
        syncSucceeded(accountId);
    }

    @Test
    void anUnknownUsedOrExpiredStateIsRefusedAndTheStoreDeletesItsKey() throws Exception {
        WooStore store = newStore(false);
        store.acceptPlainHttpCallbacks(true);
        int before = accountCount();
        WooStore.Key key = store.createKey("read_write");
        String forged = "{\"key_id\":1,\"user_id\":\"made-up-state\",\"consumer_key\":\"" + key.consumerKey()
                + "\",\"consumer_secret\":\"" + key.consumerSecret() + "\",\"key_permissions\":\"read_write\"}";
        assertThat(postCallback(forged).statusCode()).isEqualTo(400);
        assertThat(accountCount()).isEqualTo(before);

        // A real state, used once by the store: the same POST again is refused.
        String state = state(api().post("/api/connect/woocommerce", Map.of("storeUrl", store.url())).json().get("authorizeUrl").asText());
        String genuine = forged.replace("made-up-state", state);
        assertThat(postCallback(genuine).statusCode()).isEqualTo(200);
        assertThat(accountCount()).isEqualTo(before + 1);
        assertThat(postCallback(genuine).statusCode()).isEqualTo(400);
        assertThat(accountCount()).isEqualTo(before + 1);

        // Expired: the seller took longer than woocommerce.state-ttl. The store, refused, deletes the key it made.
        String late = state(api().post("/api/connect/woocommerce", Map.of("storeUrl", store.url())).json().get("authorizeUrl").asText());
        // (Expired in the database rather than by moving the shared clock 11 minutes: the sandboxes' rate limiters run on it.)
        jdbc.update("update oauth_state set expires_at = created_at - interval '1 second' where state_hash = ?",
                (Object) java.security.MessageDigest.getInstance("SHA-256").digest(late.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        WooStore.Key other = store.createKey("read_write");
        var expired = postCallback(genuine.replace(state, late).replace(key.consumerKey(), other.consumerKey())
                .replace(key.consumerSecret(), other.consumerSecret()));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(accountCount()).isEqualTo(before + 1);
    }

    @Test
    void disconnectingDeletesTheStoresWebhooksAndForgetsTheKeys() {
        WooStore store = newStore(false);
        long accountId = connect(store, 2);
        assertThat(store.webhooks()).hasSize(3);
        var response = api().delete("/api/accounts/" + accountId);
        assertThat(response.status()).isEqualTo(200);
        assertThat(store.webhooks()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from woocommerce_store where account_id = ? and cleanup_ciphertext is null",
                Integer.class, accountId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from woocommerce_webhook where account_id = ?", Integer.class, accountId)).isZero();
    }

    private static String state(String authorizeUrl) {
        Matcher m = Pattern.compile("[?&]user_id=([^&]+)").matcher(authorizeUrl);
        assertThat(m.find()).isTrue();
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpResponse<String> postCallback(String json) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/connect/woocommerce/callback"))
                .header("Content-Type", "application/json;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
