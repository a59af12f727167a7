package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The secret scan for WooCommerce: a store connected one-click (keys POSTed to the callback) and one by keys, syncs,
 * webhook deliveries, a tracking push, a refused connect, a disconnect; then no consumer key, consumer secret or
 * webhook secret in the log output, in any API answer, or in clear (text, hex or base64) in any table.
 */
@ExtendWith(OutputCaptureExtension.class)
class WooCommerceSecretsTest extends IntegrationTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void connectingSyncingAndPushingLeaveNoKeyOrSecretInLogsAnswersOrTables(CapturedOutput output) throws Exception {
        Api api = new Api(baseUrl());
        List<String> bodies = new ArrayList<>();
        List<WooStore> stores = new ArrayList<>();

        // One-click.
        WooStore oneClick = SANDBOX.woocommerce().createStore("sec" + UUID.randomUUID().toString().substring(0, 8), true);
        stores.add(oneClick);
        oneClick.acceptPlainHttpCallbacks(true);
        oneClick.seedOrders(5, CLOCK.instant().minus(Duration.ofDays(3)), CLOCK.instant().minus(Duration.ofMinutes(5)), 3);
        var start = api.post("/api/connect/woocommerce", Map.of("storeUrl", oneClick.url(), "returnUrl", "https://dashboard.example.test/sellers/1"));
        bodies.add(start.body());
        HttpResponse<String> page = get(start.json().get("authorizeUrl").asText());
        Matcher approve = Pattern.compile("id=\"approve\"[^>]*href=\"([^\"]+)\"").matcher(page.body());
        assertThat(approve.find()).isTrue();
        HttpResponse<String> granted = get(approve.group(1).replace("&amp;", "&"));
        HttpResponse<String> returned = get(granted.headers().firstValue("Location").orElseThrow());
        bodies.add(returned.body());
        String target = returned.headers().firstValue("Location").orElseThrow();
        bodies.add(target);
        long oneClickAccount = Long.parseLong(target.replaceAll(".*accountId=(\\d+).*", "$1"));

        // By keys, plus a refused attempt whose secret must not come back.
        WooStore byKeys = SANDBOX.woocommerce().createStore("sec" + UUID.randomUUID().toString().substring(0, 8), false);
        stores.add(byKeys);
        byKeys.seedOrders(5, CLOCK.instant().minus(Duration.ofDays(3)), CLOCK.instant().minus(Duration.ofMinutes(5)), 4);
        WooStore.Key key = byKeys.createKey("read_write");
        var refused = api.post("/api/accounts/woocommerce", Map.of("storeUrl", byKeys.url(), "consumerKey", key.consumerKey(),
                "consumerSecret", key.consumerSecret() + "x"));
        assertThat(refused.status()).isEqualTo(422);
        bodies.add(refused.body());
        var connected = api.post("/api/accounts/woocommerce", Map.of("storeUrl", byKeys.url(), "consumerKey", key.consumerKey(),
                "consumerSecret", key.consumerSecret()));
        assertThat(connected.status()).isEqualTo(201);
        bodies.add(connected.body());
        long keysAccount = connected.json().get("id").asLong();

        for (long id : List.of(oneClickAccount, keysAccount)) {
            var sync = api.post("/api/accounts/" + id + "/sync", Map.of());
            long runId = sync.json().get("runId").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(
                    jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        }
        // Webhook deliveries, and a push (tracking entry) that reads the keys again.
        long order = oneClick.orderIds().get(0);
        oneClick.setStatus(order, "processing");
        await().atMost(Duration.ofSeconds(20)).until(() -> oneClick.deliveries().stream().anyMatch(d -> d.status() == 200));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "wc-sec-" + UUID.randomUUID());
        event.put("accountId", oneClickAccount);
        event.put("marketplaceOrderId", String.valueOf(order));
        event.put("carrierCode", "UPS");
        event.put("trackingNumber", "1Z999");
        event.put("shipDate", "2026-11-05T10:00:00Z");
        bodies.add(api.post("/api/shipments", event).body());
        await().atMost(Duration.ofSeconds(60)).until(() -> "PUSHED".equals(jdbc.queryForObject(
                "select state from shipment_event where event_id = ?", String.class, event.get("eventId"))));

        for (String path : List.of("/api/accounts", "/api/accounts/" + oneClickAccount, "/api/accounts/" + keysAccount,
                "/api/accounts/" + keysAccount + "/sync-runs", "/api/shipments/" + event.get("eventId"), "/v3/api-docs")) {
            Api.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            bodies.add(r.body());
        }
        bodies.add(api.delete("/api/accounts/" + keysAccount).body());

        Set<String> secrets = new TreeSet<>();
        for (WooStore s : stores) {
            s.keys().forEach(k -> {
                secrets.add(k.consumerKey());
                secrets.add(k.consumerSecret());
            });
        }
        secrets.add(key.consumerKey());
        secrets.add(key.consumerSecret());
        oneClick.webhooks().forEach(w -> secrets.add(w.get("secret").asText()));
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);

        for (String secret : secrets) {
            assertThat(output.getAll()).as("a key or secret in the log output").doesNotContain(secret);
            for (String body : bodies) {
                assertThat(body).as("a key or secret in an API answer").doesNotContain(secret);
            }
        }
        assertNoSecretInAnyTable(secrets);
    }

    private void assertNoSecretInAnyTable(Set<String> secrets) {
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("seller_account", "woocommerce_store", "woocommerce_webhook", "woocommerce_connect", "orders");
        int rows = 0;
        for (String table : tables) {
            for (String row : jdbc.queryForList("select t::text from \"" + table.replace("\"", "\"\"") + "\" t", String.class)) {
                rows++;
                String lower = row.toLowerCase();
                for (String secret : secrets) {
                    assertThat(row.contains(secret) || lower.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)))
                            || row.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                            .as("a WooCommerce key or secret in clear in table " + table).isFalse();
                }
            }
        }
        System.out.printf("RELIABILITY woocommerce-secret-scan tables=%d rows=%d secrets=%d found=0%n", tables.size(), rows, secrets.size());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
