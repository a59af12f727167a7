package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.orders.StoredOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/orders and /api/orders/{id} over HTTP, on rows stored by the sync's upsert. */
class OrderApiTest extends IntegrationTest {
    @Autowired
    ProducerTemplate producer;

    final Instant t0 = Instant.parse("2026-04-01T08:00:00Z");

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(o -> ids.add(o.get("marketplaceOrderId").asText()));
        return ids;
    }

    @Test
    void listsByFilterPageByPageAndShowsOneOrder() {
        StoredOrders stored = new StoredOrders(jdbc, producer);
        long a = stored.account("AMAZON"), f = stored.account("FLIPKART");
        stored.store(a, order("AMAZON", "API-1", "UNSHIPPED", t0, "Asha Rao", "RED-1"),
                order("AMAZON", "API-2", "SHIPPED", t0.plusSeconds(10), "Vikram Shah", "BLUE-1"),
                order("AMAZON", "API-3", "UNSHIPPED", t0.plusSeconds(20), "Meera Iyer", "BLUE-2"));
        stored.store(f, order("FLIPKART", "OD-API", "UNSHIPPED", t0.plusSeconds(5), "Ravi Kumar", "FK-1"));
        Api api = new Api(baseUrl());
        String both = "account=" + a + "," + f;

        assertThat(ids(api.get("/api/orders?" + both).json())).containsExactly("API-1", "OD-API", "API-2", "API-3");
        assertThat(ids(api.get("/api/orders?account=" + a + "&account=" + f + "&marketplace=flipkart").json())).containsExactly("OD-API");
        assertThat(ids(api.get("/api/orders?" + both + "&status=UNSHIPPED&updatedSince=2026-04-01T08:00:05Z").json()))
                .containsExactly("OD-API", "API-3");
        assertThat(ids(api.get("/api/orders?" + both + "&updatedSince=2026-04-01T13:30:10%2B05:30").json()))
                .containsExactly("API-2", "API-3");
        assertThat(ids(api.get("/api/orders?" + both + "&q=blue").json())).containsExactly("API-2", "API-3");
        assertThat(ids(api.get("/api/orders?" + both + "&q=asha").json())).containsExactly("API-1");

        // Pages of 3 then 1, following nextCursor; the last page has none.
        JsonNode page1 = api.get("/api/orders?" + both + "&limit=3").json();
        assertThat(ids(page1)).containsExactly("API-1", "OD-API", "API-2");
        String cursor = page1.get("nextCursor").asText();
        JsonNode page2 = api.get("/api/orders?" + both + "&limit=3&cursor=" + cursor).json();
        assertThat(ids(page2)).containsExactly("API-3");
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        JsonNode first = page1.get("items").get(0);
        assertThat(first.get("sourceUpdatedAt").asText()).isEqualTo("2026-04-01T08:00:00Z");
        assertThat(first.get("accountId").asLong()).isEqualTo(a);
        assertThat(first.get("itemCount").asInt()).isEqualTo(1);

        Api.Response detail = api.get("/api/orders/" + first.get("id").asLong());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().at("/order/marketplaceOrderId").asText()).isEqualTo("API-1");
        assertThat(detail.json().at("/items/0/sku").asText()).isEqualTo("RED-1");
        assertThat(detail.json().at("/shipTo/postalCode").asText()).isEqualTo("411001");
        assertThat(detail.json().get("shipments").isArray()).isTrue();
    }

    @Test
    void eachBadFilterIsA400NamingItsField() {
        Api api = new Api(baseUrl());
        Map<String, String> bad = Map.of(
                "account", "account=12,abc",
                "marketplace", "marketplace=EBAY",
                "status", "status=LOST",
                "updatedSince", "updatedSince=yesterday",
                "q", "q=" + "x".repeat(201),
                "limit", "limit=0",
                "cursor", "cursor=%21%21");
        bad.forEach((field, query) -> {
            Api.Response r = api.get("/api/orders?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).as(query).isEqualTo(field);
        });
        for (String limit : List.of("201", "-1", "ten")) {
            assertThat(api.get("/api/orders?limit=" + limit).json().get("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void anUnknownOrderIs404AndTheApiNeedsItsKey() {
        Api api = new Api(baseUrl());
        Api.Response missing = api.get("/api/orders/" + Long.MAX_VALUE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains(String.valueOf(Long.MAX_VALUE));
        assertThat(api.get("/api/orders/not-a-number").status()).isEqualTo(404);
        assertThat(api.getWithoutKey("/api/orders").status()).isEqualTo(401);
        assertThat(api.getWithoutKey("/api/orders/1").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDescribesBothOperationsWithTheirFilters() {
        JsonNode doc = new Api(baseUrl()).getWithoutKey("/v3/api-docs").json();
        JsonNode list = doc.at("/paths/~1api~1orders/get");
        assertThat(list.isMissingNode()).isFalse();
        List<String> params = new ArrayList<>();
        list.get("parameters").forEach(p -> params.add(p.get("name").asText()));
        assertThat(params).containsExactlyInAnyOrder("account", "marketplace", "status", "updatedSince", "q", "limit", "cursor");
        assertThat(list.get("security").toString()).contains("apiKey");
        assertThat(doc.at("/paths/~1api~1orders~1{id}/get/summary").asText()).contains("items");
    }
}
