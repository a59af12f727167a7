package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The calculated query cost, the per-shop leaky bucket and THROTTLED answers. */
class ShopifyThrottleTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK), ShopifySettings.defaults().withThrottle(100, 10));
        client = new ShopifyTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void requestedCostFollowsShopifysCalculationAndUnreturnedNodesAreGivenBack() {
        String shop = "cost.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        for (int i = 0; i < 3; i++) s.createOrder();
        String token = client.accessToken(shop);
        // 2 + 10 × (order 1 + lineItems (2 + 5 × 1)) = 82
        JsonNode r = client.graphql(shop, token, "{ orders(first: 10) { edges { node { id name lineItems(first: 5) { nodes { id sku } } } } } }");
        assertThat(r.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(82);
        // 3 orders of 1 line: 2 + 3 × (1 + 2 + 1) = 14
        assertThat(r.at("/extensions/cost/actualQueryCost").asInt()).isEqualTo(14);
        assertThat(r.at("/extensions/cost/throttleStatus/maximumAvailable").asDouble()).isEqualTo(100.0);
        assertThat(r.at("/extensions/cost/throttleStatus/restoreRate").asDouble()).isEqualTo(10.0);
        assertThat(r.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble()).isCloseTo(86, within(2.0));
        // a scalar field on an object: 1
        assertThat(client.graphql(shop, token, "{ shop { name } }").at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(1);
    }

    @Test
    void aQueryAskingMoreThanIsAvailableIsThrottledUntilTheBucketRestores() {
        String shop = "throttled.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        s.seedOrders(60, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)), 3L);
        String token = client.accessToken(shop);
        String query = "{ orders(first: 50) { nodes { id } } }"; // 52 points, all returned
        JsonNode first = client.graphql(shop, token, query);
        assertThat(first.has("errors")).isFalse();
        assertThat(first.at("/extensions/cost/actualQueryCost").asInt()).isEqualTo(52);

        JsonNode second = client.graphql(shop, token, query);
        assertThat(second.at("/errors/0/message").asText()).isEqualTo("Throttled");
        assertThat(second.at("/errors/0/extensions/code").asText()).isEqualTo("THROTTLED");
        assertThat(second.has("data")).isFalse();
        assertThat(second.at("/extensions/cost/actualQueryCost").isNull()).isTrue();
        assertThat(second.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble()).isLessThan(52);
        assertThat(s.throttle().throttledCount()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(1)); // +10 points
        assertThat(client.graphql(shop, token, query).has("errors")).isFalse();
        assertThat(s.throttle().throttledCount()).isEqualTo(1);
    }

    @Test
    void aQueryOverTheSingleQueryMaximumIsRefused() {
        String shop = "maxcost.myshopify.com";
        String token = client.accessToken(shop);
        JsonNode r = client.graphql(shop, token, "{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }");
        assertThat(r.at("/errors/0/extensions/code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(r.at("/errors/0/extensions/cost").asInt()).isEqualTo(2 + 250 * (1 + 2 + 10));
    }
}
