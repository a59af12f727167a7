package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.sandbox.shopify.ShopifyTestClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** Fulfillment orders, fulfillmentCreate's userErrors, tracking updates, cancellations and access scopes. */
class ShopifyFulfillmentTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;

    static final String TRACKING_UPDATE = """
            mutation fulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
              fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
                fulfillment { id trackingInfo { company number url } }
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

    private static Map<String, Object> wholeFulfillmentOrder(String foId, String number) {
        return vars("fulfillment", vars("lineItemsByFulfillmentOrder", List.of(vars("fulfillmentOrderId", foId)),
                "trackingInfo", vars("company", "FedEx", "number", number)));
    }

    @Test
    void aWholeFulfillmentOrderIsFulfilledClosedAndItsTrackingUpdated() {
        String shop = "fulfil-whole.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        ShopifyOrder order = s.createOrder(new OrderDraft().line("A", "A", 1, "1.00").line("B", "B", 2, "2.00"));
        String token = client.accessToken(shop);
        String fo = s.fulfillmentOrders(order.id()).get(0).gid();

        JsonNode created = client.graphql(shop, token, ShopifyGraphQLTest.FULFILLMENT_CREATE, wholeFulfillmentOrder(fo, "111"));
        String fulfillmentId = created.at("/data/fulfillmentCreate/fulfillment/id").asText();
        assertThat(fulfillmentId).startsWith("gid://shopify/Fulfillment/");
        assertThat(created.at("/data/fulfillmentCreate/fulfillment/name").asText()).isEqualTo(order.name() + ".1");
        assertThat(s.order(order.id()).displayFulfillmentStatus()).isEqualTo("FULFILLED");
        assertThat(s.fulfillmentOrders(order.id()).get(0).status()).isEqualTo("CLOSED");

        // closed fulfillment orders are listed only with includeClosed, as on Shopify
        JsonNode open = client.graphql(shop, token, "query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 5) { nodes { id } } } }", vars("id", order.gid()));
        assertThat(open.at("/data/order/fulfillmentOrders/nodes").size()).isZero();
        JsonNode all = client.graphql(shop, token, "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5, includeClosed: true) { nodes { id status supportedActions { action } } } } }", vars("id", order.gid()));
        assertThat(all.at("/data/order/fulfillmentOrders/nodes/0/status").asText()).isEqualTo("CLOSED");
        assertThat(all.at("/data/order/fulfillmentOrders/nodes/0/supportedActions").size()).isZero();

        // fulfilling it again: a userError in a 200
        JsonNode again = client.graphql(shop, token, ShopifyGraphQLTest.FULFILLMENT_CREATE, wholeFulfillmentOrder(fo, "222"));
        assertThat(again.at("/data/fulfillmentCreate/fulfillment").isNull()).isTrue();
        assertThat(again.at("/data/fulfillmentCreate/userErrors/0/message").asText())
                .isEqualTo("Fulfillment order " + s.fulfillmentOrders(order.id()).get(0).id() + " has an unfulfillable status= closed.");
        assertThat(s.fulfillments(order.id())).hasSize(1);

        JsonNode updated = client.graphql(shop, token, TRACKING_UPDATE, vars("fulfillmentId", fulfillmentId,
                "trackingInfoInput", vars("company", "FedEx", "number", "333", "url", "https://www.fedex.com/fedextrack/?trknbr=333"),
                "notifyCustomer", true));
        assertThat(updated.at("/data/fulfillmentTrackingInfoUpdate/userErrors").size()).as(updated.toString()).isZero();
        assertThat(updated.at("/data/fulfillmentTrackingInfoUpdate/fulfillment/trackingInfo/0/number").asText()).isEqualTo("333");
        assertThat(s.fulfillments(order.id()).get(0).trackingHistory()).extracting(l -> l.get(0).number()).containsExactly("111", "333");
    }

    @Test
    void unknownIdsAndCancelledOrdersAnswerUserErrors() {
        String shop = "fulfil-errors.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        String token = client.accessToken(shop);
        JsonNode unknown = client.graphql(shop, token, ShopifyGraphQLTest.FULFILLMENT_CREATE,
                wholeFulfillmentOrder("gid://shopify/FulfillmentOrder/1", "1"));
        assertThat(unknown.at("/data/fulfillmentCreate/userErrors/0/message").asText()).isEqualTo("Fulfillment order does not exist.");
        assertThat(unknown.at("/data/fulfillmentCreate/userErrors/0/field").toString())
                .isEqualTo("[\"fulfillment\",\"lineItemsByFulfillmentOrder\",\"0\",\"fulfillmentOrderId\"]");

        JsonNode noFulfillment = client.graphql(shop, token, TRACKING_UPDATE, vars("fulfillmentId", "gid://shopify/Fulfillment/1",
                "trackingInfoInput", vars("number", "1")));
        assertThat(noFulfillment.at("/data/fulfillmentTrackingInfoUpdate/userErrors/0/field/0").asText()).isEqualTo("fulfillmentId");

        ShopifyOrder order = s.createOrder();
        s.cancelOrder(order.id(), "customer");
        JsonNode cancelled = client.graphql(shop, token, ShopifyGraphQLTest.FULFILLMENT_CREATE,
                wholeFulfillmentOrder(s.fulfillmentOrders(order.id()).get(0).gid(), "1"));
        assertThat(cancelled.at("/data/fulfillmentCreate/userErrors/0/message").asText()).contains("unfulfillable status= closed");
        JsonNode seen = client.graphql(shop, token, "query($id: ID!) { order(id: $id) { cancelledAt cancelReason displayFinancialStatus lineItems(first: 5) { nodes { currentQuantity } } } }",
                vars("id", order.gid()));
        assertThat(seen.at("/data/order/cancelReason").asText()).isEqualTo("CUSTOMER");
        assertThat(seen.at("/data/order/cancelledAt").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(seen.at("/data/order/displayFinancialStatus").asText()).isEqualTo("REFUNDED");
        assertThat(seen.at("/data/order/lineItems/nodes/0/currentQuantity").asInt()).isZero();
    }

    @Test
    void fieldsNeedTheirAccessScopes() {
        String shop = "fulfil-scopes.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        ShopifyOrder order = s.createOrder();
        String token = s.issueNonExpiringToken("read_products");
        JsonNode r = client.graphql(shop, token, "query($id: ID!) { order(id: $id) { id } }", vars("id", order.gid()));
        assertThat(r.at("/data/order").isNull()).isTrue();
        assertThat(r.at("/errors/0/extensions/code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(r.at("/errors/0/message").asText()).contains("read_orders");

        String readOnly = s.issueNonExpiringToken("read_orders,read_merchant_managed_fulfillment_orders");
        JsonNode denied = client.graphql(shop, readOnly, ShopifyGraphQLTest.FULFILLMENT_CREATE,
                wholeFulfillmentOrder(s.fulfillmentOrders(order.id()).get(0).gid(), "1"));
        assertThat(denied.at("/errors/0/extensions/code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(denied.at("/errors/0/message").asText()).contains("write_merchant_managed_fulfillment_orders");
        assertThat(s.fulfillments(order.id())).isEmpty();
    }

    @Test
    void pagesNeedFirstOrLast() {
        String shop = "fulfil-pages.myshopify.com";
        String token = client.accessToken(shop);
        JsonNode r = client.graphql(shop, token, "{ orders { nodes { id } } }");
        assertThat(r.at("/errors/0/message").asText()).isEqualTo("you must provide one of first or last");
    }
}
