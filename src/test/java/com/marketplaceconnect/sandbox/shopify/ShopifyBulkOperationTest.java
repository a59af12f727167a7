package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.marketplaceconnect.sandbox.shopify.ShopifyTestClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

/** bulkOperationRunQuery: every matching order in a JSONL file, nested line items on their own lines with __parentId. */
class ShopifyBulkOperationTest {

    private static MarketplaceSandbox sandbox;
    private static ShopifyTestClient client;

    static final String RUN = """
            mutation bulkOperationRunQuery($query: String!) {
              bulkOperationRunQuery(query: $query) {
                bulkOperation { id status }
                userErrors { field message code }
              }
            }""";

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(new MutableClock(Instant.parse("2026-12-01T12:00:00Z"))));
        client = new ShopifyTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aBulkQueryWritesEveryOrderAndItsLinesToAJsonlFile() throws Exception {
        String shop = "bulk.myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        List<ShopifyOrder> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) orders.add(s.createOrder(new OrderDraft().line("S-" + i + "a", "A", 1, "1.00").line("S-" + i + "b", "B", 1, "2.00")));
        String token = client.accessToken(shop);
        String inner = "{ orders(query: \"updated_at:>='2026-11-01T00:00:00Z'\", sortKey: UPDATED_AT) { edges { node { id name lineItems { edges { node { id sku } } } } } } }";
        JsonNode run = client.graphql(shop, token, RUN, vars("query", inner));
        assertThat(run.at("/data/bulkOperationRunQuery/userErrors").size()).as(run.toString()).isZero();
        String id = run.at("/data/bulkOperationRunQuery/bulkOperation/id").asText();
        assertThat(id).startsWith("gid://shopify/BulkOperation/");

        JsonNode polled = client.graphql(shop, token, "{ currentBulkOperation { id status objectCount rootObjectCount url } }");
        assertThat(polled.at("/data/currentBulkOperation/id").asText()).isEqualTo(id);
        assertThat(polled.at("/data/currentBulkOperation/status").asText()).isEqualTo("COMPLETED");
        assertThat(polled.at("/data/currentBulkOperation/objectCount").asText()).isEqualTo("9");
        assertThat(polled.at("/data/currentBulkOperation/rootObjectCount").asText()).isEqualTo("3");

        HttpResponse<String> file = client.get(polled.at("/data/currentBulkOperation/url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : file.body().split("\n")) lines.add(ShopifyTestClient.JSON.readTree(l));
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0).get("id").asText()).isEqualTo(orders.get(0).gid());
        assertThat(lines.get(0).has("lineItems")).isFalse();
        assertThat(lines.get(1).get("__parentId").asText()).isEqualTo(orders.get(0).gid());
        assertThat(lines.get(1).get("sku").asText()).isEqualTo("S-0a");
    }

    @Test
    void aBulkQueryWithoutAConnectionIsRefused() {
        String shop = "bulk-invalid.myshopify.com";
        String token = client.accessToken(shop);
        JsonNode run = client.graphql(shop, token, RUN, vars("query", "{ shop { name } }"));
        assertThat(run.at("/data/bulkOperationRunQuery/bulkOperation").isNull()).isTrue();
        assertThat(run.at("/data/bulkOperationRunQuery/userErrors/0/code").asText()).isEqualTo("INVALID");
        assertThat(run.at("/data/bulkOperationRunQuery/userErrors/0/message").asText()).contains("at least one connection");
    }
}
