package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.marketplaceconnect.sandbox.shopify.ShopifyTestClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhook delivery: documented headers, a verifiable HMAC over the raw body, retries and the injectable faults. */
class ShopifyWebhooksTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private static final String SECRET = ShopifySettings.DEFAULT_CLIENT_SECRET;
    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;
    private static HttpServer receiver;
    private static String url;

    record Received(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        JsonNode json() {
            try {
                return ShopifyTestClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private static volatile long delayMillis;
    private static final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK), ShopifySettings.defaults()
                .withWebhookTimeout(Duration.ofMillis(500))
                .withWebhookRetrySchedule(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20))));
        client = new ShopifyTestClient(sandbox);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/shopify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received(headers, body));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = answers.poll();
            answered.incrementAndGet();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/shopify";
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        received.clear();
        answers.clear();
        delayMillis = 0;
        answered.set(0);
    }

    @AfterEach
    void drainRetries() {
        answers.clear();
        delayMillis = 0;
    }

    @Test
    void aSubscriptionMadeThroughGraphQLReceivesSignedOrderWebhooks() {
        String shop = "hooks-signed.myshopify.com";
        String token = client.accessToken(shop);
        JsonNode created = client.graphql(shop, token, """
                mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
                  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
                    webhookSubscription { id topic format endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
                    userErrors { field message }
                  }
                }""", vars("topic", "ORDERS_CREATE", "webhookSubscription", vars("callbackUrl", url, "format", "JSON")));
        assertThat(created.at("/data/webhookSubscriptionCreate/userErrors").size()).as(created.toString()).isZero();
        assertThat(created.at("/data/webhookSubscriptionCreate/webhookSubscription/endpoint/callbackUrl").asText()).isEqualTo(url);

        ShopifyOrder order = sandbox.shopify().shop(shop).createOrder(new OrderDraft().line("SKU-W1", "Widget", 3, "12.50"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        Received r = received.get(0);
        assertThat(r.header("X-Shopify-Topic")).isEqualTo("orders/create");
        assertThat(r.header("X-Shopify-Shop-Domain")).isEqualTo(shop);
        assertThat(r.header("X-Shopify-API-Version")).isEqualTo(ShopifyTestClient.VERSION);
        assertThat(r.header("X-Shopify-Webhook-Id")).isNotBlank();
        assertThat(r.header("X-Shopify-Event-Id")).isNotBlank();
        assertThat(Instant.parse(r.header("X-Shopify-Triggered-At"))).isEqualTo(CLOCK.instant());
        assertThat(r.header("X-Shopify-Hmac-Sha256")).isEqualTo(hmacBase64(r.body(), SECRET));
        JsonNode body = r.json();
        assertThat(body.get("id").asLong()).isEqualTo(order.id());
        assertThat(body.get("admin_graphql_api_id").asText()).isEqualTo(order.gid());
        assertThat(body.get("name").asText()).isEqualTo(order.name());
        assertThat(body.at("/line_items/0/sku").asText()).isEqualTo("SKU-W1");
        assertThat(body.at("/line_items/0/price").asText()).isEqualTo("12.50");
        assertThat(body.at("/total_price_set/shop_money/amount").asText()).isEqualTo(order.total().toPlainString());
        assertThat(body.get("updated_at").asText()).endsWith("-05:00");

        // the same list through the API, and a topic without subscription sends nothing
        JsonNode list = client.graphql(shop, token, "{ webhookSubscriptions(first: 10) { nodes { id topic callbackUrl } } }");
        assertThat(list.at("/data/webhookSubscriptions/nodes/0/topic").asText()).isEqualTo("ORDERS_CREATE");
        sandbox.shopify().shop(shop).touchOrder(order.id());
        assertThat(sandbox.shopify().shop(shop).webhooks().deliveries()).hasSize(1);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameWebhookIdOnTheSchedule() {
        ShopifyShop shop = sandbox.shopify().shop("hooks-retry.myshopify.com");
        shop.webhooks().subscribe("orders/updated", url);
        ShopifyOrder order = shop.createOrder();
        answers.add(503);
        shop.touchOrder(order.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().deliveries().size() == 1);
        assertThat(shop.webhooks().deliveries().get(0).status()).isEqualTo(503);

        CLOCK.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().deliveries().size() == 2);
        WebhookDelivery retry = shop.webhooks().deliveries().get(1);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.webhookId()).isEqualTo(shop.webhooks().deliveries().get(0).webhookId());
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    }

    @Test
    void aSlowReceiverTimesOutAndASubscriptionFailingEveryRetryIsDeleted() {
        ShopifyShop shop = sandbox.shopify().shop("hooks-timeout.myshopify.com");
        shop.webhooks().subscribe("orders/create", url);
        delayMillis = 800;
        shop.createOrder();
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().deliveries().size() == 1);
        assertThat(shop.webhooks().deliveries().get(0).status()).isEqualTo(-1);
        assertThat(shop.webhooks().deliveries().get(0).error()).startsWith("timeout");
        delayMillis = 0;
        await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 1); // the slow answer is over
        answers.add(500);
        answers.add(500);
        sandbox.shopify().retryWebhooksNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().deliveries().size() == 2);
        sandbox.shopify().retryWebhooksNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().deliveries().size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhooks().subscriptions().isEmpty());
        assertThat(shop.webhooks().deliveries()).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
    }

    @Test
    void faultsLoseDuplicateReorderAndMissignDeliveries() {
        ShopifyShop shop = sandbox.shopify().shop("hooks-faults.myshopify.com");
        shop.webhooks().subscribe("orders/updated", url);
        ShopifyOrder order = shop.createOrder();

        shop.webhooks().loseNext(1);
        shop.touchOrder(order.id());
        assertThat(shop.webhooks().lost()).hasSize(1);

        shop.webhooks().duplicateNext(1);
        shop.touchOrder(order.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received.get(0).header("X-Shopify-Webhook-Id")).isEqualTo(received.get(1).header("X-Shopify-Webhook-Id"));

        received.clear();
        shop.webhooks().holdNext();
        CLOCK.advance(Duration.ofSeconds(1));
        shop.updateOrder(order.id(), d -> d.note("older"));
        CLOCK.advance(Duration.ofSeconds(1));
        shop.updateOrder(order.id(), d -> d.note("newer"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received.get(0).json().get("note").asText()).isEqualTo("newer");
        assertThat(received.get(1).json().get("note").asText()).isEqualTo("older");

        received.clear();
        shop.webhooks().badHmacNext(1);
        shop.touchOrder(order.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0).header("X-Shopify-Hmac-Sha256")).isNotEqualTo(hmacBase64(received.get(0).body(), SECRET));
        assertThat(shop.webhooks().deliveries().get(shop.webhooks().deliveries().size() - 1).validHmac()).isFalse();
    }

    @Test
    void complianceAndUninstallWebhooksAreSentFromJava() {
        sandbox.shopify().complianceWebhookUrl(url);
        try {
            ShopifyShop shop = sandbox.shopify().shop("hooks-compliance.myshopify.com");
            ShopifyOrder order = shop.createOrder(new OrderDraft().customer("Ann", "Lee", "ann@example.com", "+15550100"));
            shop.redactCustomer(order.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            Received r = received.get(0);
            assertThat(r.header("X-Shopify-Topic")).isEqualTo("customers/redact");
            assertThat(r.header("X-Shopify-Hmac-Sha256")).isEqualTo(hmacBase64(r.body(), SECRET));
            assertThat(r.json().get("shop_domain").asText()).isEqualTo(shop.domain());
            assertThat(r.json().at("/customer/email").asText()).isEqualTo("ann@example.com");
            assertThat(r.json().at("/orders_to_redact/0").asLong()).isEqualTo(order.id());

            String token = client.accessToken(shop.domain());
            shop.webhooks().subscribe("APP_UNINSTALLED", url);
            shop.uninstall();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            assertThat(received.get(1).header("X-Shopify-Topic")).isEqualTo("app/uninstalled");
            assertThat(received.get(1).json().get("myshopify_domain").asText()).isEqualTo(shop.domain());
            assertThat(client.graphqlRaw(shop.domain(), token, "{ shop { name } }", null).statusCode()).isEqualTo(401);
            assertThat(shop.webhooks().subscriptions()).isEmpty();
        } finally {
            sandbox.shopify().complianceWebhookUrl(null);
        }
    }

    private static String hmacBase64(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
