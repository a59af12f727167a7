package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.sandbox.shopify.ShopifyTestClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** The GraphQL Admin API of the sandbox answers the documented query and mutation shapes. */
class ShopifyGraphQLTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;

    /** The reconciliation query of the connector's issue: orders updated since a time, by UPDATED_AT, paged. */
    static final String ORDERS = """
            query Orders($first: Int!, $after: String, $query: String) {
              orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                edges {
                  cursor
                  node {
                    id legacyResourceId name email phone createdAt updatedAt processedAt cancelledAt cancelReason closed
                    displayFinancialStatus displayFulfillmentStatus currencyCode
                    totalPriceSet { shopMoney { amount currencyCode } }
                    subtotalPriceSet { shopMoney { amount currencyCode } }
                    totalTaxSet { shopMoney { amount currencyCode } }
                    totalShippingPriceSet { shopMoney { amount currencyCode } }
                    shippingAddress { firstName lastName address1 address2 city province provinceCode zip country countryCodeV2 phone }
                    customer { id firstName lastName email }
                    lineItems(first: 50) {
                      nodes { id sku name title quantity currentQuantity fulfillableQuantity
                              originalUnitPriceSet { shopMoney { amount currencyCode } } variant { id sku } }
                    }
                  }
                }
              }
            }""";

    static final String FULFILLMENT_ORDERS = """
            query FOs($id: ID!) {
              order(id: $id) {
                fulfillmentOrders(first: 5) {
                  nodes {
                    id status requestStatus
                    assignedLocation { location { id name } }
                    supportedActions { action }
                    lineItems(first: 20) { nodes { id totalQuantity remainingQuantity lineItem { id sku } } }
                  }
                }
              }
            }""";

    static final String FULFILLMENT_CREATE = """
            mutation fulfillmentCreate($fulfillment: FulfillmentInput!) {
              fulfillmentCreate(fulfillment: $fulfillment) {
                fulfillment { id status name trackingInfo(first: 10) { company number url } }
                userErrors { field message }
              }
            }""";

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK));
        client = new ShopifyTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void ordersUpdatedSinceAreAnsweredInPagesByUpdatedAt() {
        String shop = "graphql-orders.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        List<ShopifyOrder> seeded = s.seedOrders(7, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)), 7L);
        String token = client.accessToken(shop);
        String since = NOW.minus(Duration.ofDays(2)).toString();
        long expected = seeded.stream().filter(o -> !o.updatedAt().isBefore(Instant.parse(since))).count();

        List<String> ids = new ArrayList<>();
        String after = null;
        List<Instant> updated = new ArrayList<>();
        do {
            JsonNode r = client.graphql(shop, token, ORDERS, vars("first", 2, "after", after, "query", "updated_at:>='" + since + "'"));
            assertThat(r.has("errors")).as(r.toString()).isFalse();
            JsonNode orders = r.at("/data/orders");
            for (JsonNode e : orders.get("edges")) {
                ids.add(e.at("/node/id").asText());
                updated.add(Instant.parse(e.at("/node/updatedAt").asText()));
                assertThat(e.at("/node/totalPriceSet/shopMoney/amount").asText()).matches("\\d+\\.\\d{2}");
                assertThat(e.at("/node/lineItems/nodes/0/sku").asText()).isNotBlank();
            }
            after = orders.at("/pageInfo/hasNextPage").asBoolean() ? orders.at("/pageInfo/endCursor").asText() : null;
            assertThat(r.at("/extensions/cost/throttleStatus/maximumAvailable").asDouble()).isEqualTo(1000.0);
        } while (after != null);

        assertThat(ids).hasSize((int) expected).doesNotHaveDuplicates().allMatch(id -> id.startsWith("gid://shopify/Order/"));
        assertThat(updated).isSorted();
    }

    @Test
    void anOrderIsFulfilledThroughItsFulfillmentOrderWithTracking() {
        String shop = "graphql-fulfil.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        ShopifyOrder order = s.createOrder(new OrderDraft().line("SKU-A", "Thing A", 2, "10.00").line("SKU-B", "Thing B", 1, "5.00"));
        String token = client.accessToken(shop);

        JsonNode foAnswer = client.graphql(shop, token, FULFILLMENT_ORDERS, vars("id", order.gid()));
        JsonNode fo = foAnswer.at("/data/order/fulfillmentOrders/nodes/0");
        assertThat(foAnswer.has("errors")).as(foAnswer.toString()).isFalse();
        assertThat(fo.get("status").asText()).isEqualTo("OPEN");
        assertThat(fo.at("/assignedLocation/location/name").asText()).isEqualTo("Shop location");
        String line = fo.at("/lineItems/nodes/0/id").asText();

        Map<String, Object> input = vars("lineItemsByFulfillmentOrder", List.of(vars("fulfillmentOrderId", fo.get("id").asText(),
                        "fulfillmentOrderLineItems", List.of(vars("id", line, "quantity", 2)))),
                "trackingInfo", vars("company", "UPS", "number", "1Z999AA10123456784", "url", "https://www.ups.com/track?tracknum=1Z999AA10123456784"),
                "notifyCustomer", false);
        JsonNode r = client.graphql(shop, token, FULFILLMENT_CREATE, vars("fulfillment", input));
        assertThat(r.at("/data/fulfillmentCreate/userErrors").size()).as(r.toString()).isZero();
        assertThat(r.at("/data/fulfillmentCreate/fulfillment/trackingInfo/0/number").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(r.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(10);

        assertThat(s.fulfillments(order.id())).singleElement().satisfies(f -> {
            assertThat(f.tracking()).containsExactly(new Fulfillment.Tracking("UPS", "1Z999AA10123456784",
                    "https://www.ups.com/track?tracknum=1Z999AA10123456784"));
            assertThat(f.totalQuantity()).isEqualTo(2);
        });
        assertThat(s.order(order.id()).displayFulfillmentStatus()).isEqualTo("PARTIALLY_FULFILLED");
        assertThat(s.fulfillmentOrders(order.id()).get(0).status()).isEqualTo("IN_PROGRESS");

        // the same line again: more than remains
        JsonNode again = client.graphql(shop, token, FULFILLMENT_CREATE, vars("fulfillment", input));
        assertThat(again.at("/data/fulfillmentCreate/fulfillment").isNull()).isTrue();
        assertThat(again.at("/data/fulfillmentCreate/userErrors/0/message").asText()).isEqualTo("Invalid fulfillment order line item quantity requested.");
    }

    @Test
    void unknownFieldsAndSyntaxErrorsAreRefusedWith200AndErrors() {
        String shop = "graphql-errors.myshopify.com";
        String token = client.accessToken(shop);
        JsonNode r = client.graphql(shop, token, "{ orders(first: 1) { nodes { id colour } } }");
        assertThat(r.at("/errors/0/message").asText()).isEqualTo("Field 'colour' doesn't exist on type 'Order'");
        assertThat(r.at("/errors/0/extensions/code").asText()).isEqualTo("undefinedField");
        assertThat(r.has("data")).isFalse();

        JsonNode syntax = client.graphql(shop, token, "{ orders(first: 1) { nodes { id } }");
        assertThat(syntax.at("/errors/0/message").asText()).isNotBlank();

        HttpResponse<String> noToken = client.graphqlRaw(shop, null, "{ shop { name } }", null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> badVersion = client.postJson(client.shopUrl(shop) + "/admin/api/2019-01/graphql.json",
                "{\"query\":\"{ shop { name } }\"}", token);
        assertThat(badVersion.statusCode()).isEqualTo(404);
    }
}
