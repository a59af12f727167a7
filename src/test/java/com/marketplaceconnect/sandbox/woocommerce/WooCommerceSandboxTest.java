package com.marketplaceconnect.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The WooCommerce sandbox against the documented behaviour, without the service. */
class WooCommerceSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private static MarketplaceSandbox sandbox;
    /** A receiver of webhook deliveries: answers with the status set in {@link #answer}. */
    private static HttpServer receiver;
    private static final AtomicInteger answer = new AtomicInteger(200);
    private static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            Map<String, String> r = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> r.put(k.toLowerCase(), v.get(0)));
            r.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(r);
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    private static String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static HttpResponse<String> call(String method, String url, WooStore.Key key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (key.consumerKey() + ":" + key.consumerSecret()).getBytes(StandardCharsets.UTF_8)));
        if (body != null) b.header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void basicAuthErrorsHaveWooCommercesShapes() throws Exception {
        WooStore store = sandbox.woocommerce().createStore("auth-store", false);
        WooStore.Key key = store.createKey("read");
        String orders = store.url() + "/wp-json/wc/v3/orders";
        HttpResponse<String> none = call("GET", orders, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("code").asText()).isEqualTo("woocommerce_rest_cannot_view");
        HttpResponse<String> badKey = call("GET", orders, new WooStore.Key(0, "1", "ck_nope", key.consumerSecret(), "read", ""), null);
        assertThat(JSON.readTree(badKey.body()).get("message").asText()).isEqualTo("Consumer key is invalid.");
        HttpResponse<String> badSecret = call("GET", orders, new WooStore.Key(0, "1", key.consumerKey(), "cs_nope", "read", ""), null);
        assertThat(JSON.readTree(badSecret.body()).get("message").asText()).isEqualTo("Consumer secret is invalid.");
        HttpResponse<String> write = call("POST", store.url() + "/wp-json/wc/v3/webhooks", key, "{}");
        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(write.body()).get("code").asText()).isEqualTo("woocommerce_rest_authentication_error");
        // The query-string fallback for servers that strip Authorization.
        assertThat(call("GET", orders + "?consumer_key=" + key.consumerKey() + "&consumer_secret=" + key.consumerSecret(), null, null)
                .statusCode()).isEqualTo(200);
        // Without the extension, its route does not exist.
        HttpResponse<String> tracking = call("GET", store.url() + "/wp-json/wc-shipment-tracking/v3/orders/1/shipment-trackings", key, null);
        assertThat(tracking.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(tracking.body()).get("code").asText()).isEqualTo("rest_no_route");
    }

    @Test
    void ordersPageWithTheirHeadersAndModifiedAfterIsStrictAndGmt() throws Exception {
        WooStore store = sandbox.woocommerce().createStore("paging-store", false);
        WooStore.Key key = store.createKey("read_write");
        store.seedOrders(25, CLOCK.instant().minus(Duration.ofDays(5)), CLOCK.instant().minus(Duration.ofHours(1)), 7);
        String base = store.url() + "/wp-json/wc/v3/orders?orderby=modified&order=asc&dates_are_gmt=true&per_page=10";
        HttpResponse<String> p1 = call("GET", base + "&page=1", key, null);
        assertThat(p1.headers().firstValue("X-WP-Total")).contains("25");
        assertThat(p1.headers().firstValue("X-WP-TotalPages")).contains("3");
        assertThat(p1.headers().firstValue("Link").orElse("")).contains("rel=\"next\"");
        JsonNode page = JSON.readTree(p1.body());
        assertThat(page).hasSize(10);
        String sixth = page.get(5).get("date_modified_gmt").asText();
        HttpResponse<String> after = call("GET", base + "&modified_after=" + sixth, key, null);
        for (JsonNode o : JSON.readTree(after.body())) {
            assertThat(o.get("date_modified_gmt").asText()).isGreaterThan(sixth);
        }
        assertThat(call("GET", base.replace("per_page=10", "per_page=101"), key, null).statusCode()).isEqualTo(400);
        // The fixture's shape: totals are strings, line prices numbers, _gmt and local dates 3 hours apart.
        JsonNode o = page.get(0);
        assertThat(o.get("total").isTextual()).isTrue();
        assertThat(o.at("/line_items/0/price").isNumber()).isTrue();
        assertThat(java.time.LocalDateTime.parse(o.get("date_created_gmt").asText()))
                .isEqualTo(java.time.LocalDateTime.parse(o.get("date_created").asText()).plusHours(3));
    }

    @Test
    void deliveriesAreSignedAreNotRetriedAndTheSeventhFailureInARowDisablesTheWebhook() throws Exception {
        WooStore store = sandbox.woocommerce().createStore("hook-store", false);
        WooStore.Key key = store.createKey("read_write");
        received.clear();
        answer.set(200);
        HttpResponse<String> created = call("POST", store.url() + "/wp-json/wc/v3/webhooks", key,
                "{\"topic\":\"order.updated\",\"delivery_url\":\"" + receiverUrl() + "\",\"secret\":\"s3cret\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        // The ping: webhook_id=N, unsigned.
        await().until(() -> received.size() == 1);
        assertThat(received.get(0).get("body")).isEqualTo("webhook_id=" + id);
        assertThat(received.get(0)).doesNotContainKey("x-wc-webhook-signature");

        long order = store.addOrder("processing", CLOCK.instant(), List.of(new WooStore.Line("X", "X", 1, "1.00")));
        store.setStatus(order, "completed");
        await().until(() -> received.size() == 2);
        Map<String, String> d = received.get(1);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(d.get("x-wc-webhook-signature")).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(d.get("body").getBytes(StandardCharsets.UTF_8))));
        assertThat(d.get("x-wc-webhook-topic")).isEqualTo("order.updated");
        assertThat(d.get("x-wc-webhook-resource")).isEqualTo("order");
        assertThat(d.get("x-wc-webhook-event")).isEqualTo("updated");
        assertThat(d.get("x-wc-webhook-id")).isEqualTo(String.valueOf(id));
        assertThat(d.get("x-wc-webhook-delivery-id")).isNotBlank();
        assertThat(d.get("x-wc-webhook-source")).isEqualTo(store.url() + "/");
        assertThat(JSON.readTree(d.get("body")).get("status").asText()).isEqualTo("completed");

        answer.set(500);
        for (int i = 1; i <= 7; i++) {
            store.setStatus(order, i % 2 == 0 ? "processing" : "on-hold");
            int expected = 2 + i;
            await().until(() -> store.deliveries().size() == expected - 1);
            String status = JSON.readTree(call("GET", store.url() + "/wp-json/wc/v3/webhooks/" + id, key, null).body()).get("status").asText();
            assertThat(status).as("after failure %d", i).isEqualTo(i < 7 ? "active" : "disabled");
        }
        // No retries: one attempt per change; nothing is delivered once disabled.
        assertThat(received).hasSize(9);
        store.setStatus(order, "completed");
        Thread.sleep(300);
        assertThat(received).hasSize(9);
        // Re-enabled through the REST API (a ping again).
        answer.set(200);
        call("PUT", store.url() + "/wp-json/wc/v3/webhooks/" + id, key, "{\"status\":\"active\"}");
        await().until(() -> received.size() == 10);
        assertThat(call("DELETE", store.url() + "/wp-json/wc/v3/webhooks/" + id, key, null).statusCode()).isEqualTo(501);
        assertThat(call("DELETE", store.url() + "/wp-json/wc/v3/webhooks/" + id + "?force=true", key, null).statusCode()).isEqualTo(200);
    }

    @Test
    void authorizeRequiresItsParametersAndAnHttpsCallback() throws Exception {
        WooStore store = sandbox.woocommerce().createStore("authz-store", false);
        HttpResponse<String> missing = call("GET", store.url() + "/wc-auth/v1/authorize?app_name=x&scope=read_write", null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        String q = "?app_name=App&scope=read_write&user_id=u1&return_url=https%3A%2F%2Fapp.example%2Fback&callback_url=";
        HttpResponse<String> plain = call("GET", store.url() + "/wc-auth/v1/authorize" + q + "http%3A%2F%2Fapp.example%2Fcb", null, null);
        assertThat(plain.body()).contains("The callback_url needs to be over SSL");
        HttpResponse<String> ok = call("GET", store.url() + "/wc-auth/v1/authorize" + q + "https%3A%2F%2Fapp.example%2Fcb", null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("App would like to connect to your store").contains("access_granted");
        HttpResponse<String> denied = call("GET", store.url() + "/wc-auth/v1/access_denied" + q + "https%3A%2F%2Fapp.example%2Fcb", null, null);
        assertThat(denied.headers().firstValue("Location").orElseThrow()).isEqualTo("https://app.example/back?success=0&user_id=u1");
    }
}
