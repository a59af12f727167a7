package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order webhook body has the shape of Shopify's own test payload (sandbox/shopify/orders-create-webhook.json,
 * the documented orders/create sample): every field it has, with the same JSON types (money as strings, ids as
 * numbers); the generated demo orders are the same for the same seed.
 */
class ShopifyPayloadsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static MarketplaceSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(new MutableClock(NOW)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anOrderPayloadHasEveryFieldOfShopifysSampleWithTheSameTypes() throws IOException {
        JsonNode sample;
        try (InputStream in = getClass().getResourceAsStream("/sandbox/shopify/orders-create-webhook.json")) {
            sample = ShopifyTestClient.JSON.readTree(in);
        }
        ShopifyShop shop = sandbox.shopify().shop("payloads.myshopify.com");
        ShopifyOrder order = shop.createOrder(new OrderDraft().line("SKU2006-001", "Aviator sunglasses", 1, "89.99")
                .customer("John", "Smith", "john@example.com", null).note("gift"));
        JsonNode ours = WebhookPayloads.order(order, shop);
        assertSameShape("", sample, ours);
        assertThat(ours.get("id").isIntegralNumber()).isTrue();
        assertThat(ours.get("total_price").isTextual()).isTrue();
        assertThat(ours.get("created_at").asText()).isEqualTo("2026-12-01T07:00:00-05:00");
    }

    @Test
    void demoOrdersAreTheSameForTheSameSeed() {
        List<OrderDraft> a = DemoOrders.drafts(25, NOW.minus(Duration.ofDays(30)), NOW, 42L, "USD");
        List<OrderDraft> b = DemoOrders.drafts(25, NOW.minus(Duration.ofDays(30)), NOW, 42L, "USD");
        List<OrderDraft> c = DemoOrders.drafts(25, NOW.minus(Duration.ofDays(30)), NOW, 43L, "USD");
        assertThat(a).extracting(d -> d.createdAt + d.email + d.lines()).isEqualTo(b.stream().map(d -> d.createdAt + d.email + d.lines()).toList());
        assertThat(a).extracting(d -> d.createdAt + d.email + d.lines()).isNotEqualTo(c.stream().map(d -> d.createdAt + d.email + d.lines()).toList());
        assertThat(a).allSatisfy(d -> assertThat(d.createdAt).isBetween(NOW.minus(Duration.ofDays(30)), NOW));

        ShopifyShop demo = sandbox.shopify().seedDemo();
        assertThat(demo.domain()).isEqualTo(ShopifySandbox.DEMO_SHOP);
        assertThat(demo.orderCount()).isEqualTo(80);
        assertThat(sandbox.shopify().seedDemo().orderCount()).isEqualTo(80);
        assertThat(demo.orders()).allSatisfy(o -> assertThat(o.createdAt()).isBefore(NOW.minus(Duration.ofMinutes(3))));
    }

    /** Every field of {@code expected} is in {@code actual}; where both are non-null, of the same JSON type. */
    private static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "/" + e.getKey();
            assertThat(actual.has(e.getKey())).as("field " + at).isTrue();
            JsonNode x = e.getValue();
            JsonNode y = actual.get(e.getKey());
            if (x.isNull() || y.isNull()) continue;
            assertThat(y.getNodeType()).as("type of " + at).isEqualTo(x.getNodeType());
            if (x.isObject()) assertSameShape(at, x, y);
            if (x.isArray() && x.size() > 0 && y.size() > 0 && x.get(0).isObject()) assertSameShape(at + "/0", x.get(0), y.get(0));
        }
    }
}
