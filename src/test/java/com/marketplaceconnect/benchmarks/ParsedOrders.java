package com.marketplaceconnect.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.amazon.AmazonOrderMapper;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderRows;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The B1 orders "already parsed": fetched from the sandbox page by page with the service's query, mapped by the
 * service's {@link AmazonOrderMapper}, and kept as canonical rows with the raw JSON already serialised, so the raw
 * database benchmark times nothing but the database.
 */
final class ParsedOrders {
    /** rawIndex: the item's position in its order's orderItems (the service sends it instead of the item's JSON). */
    record Item(CanonicalOrderItem item, String rawJson, int rawIndex) {
    }

    record Order(CanonicalOrder order, String rawJson, List<Item> items) {
    }

    /** The orders, and how many orders each page held. */
    record Fetched(List<Order> orders, List<Integer> pages) {
        /**
         * The parameters the service's store step binds to upsert-orders.sql (OrderRows): pages taken together until
         * a batch holds at least {@code batchOrders} orders (OrderBatches, sync.store-batch-orders).
         */
        List<Map<String, Object>> batches(int batchOrders) {
            List<Map<String, Object>> batches = new ArrayList<>();
            OrderRows batch = new OrderRows();
            int next = 0;
            for (int p = 0; p < pages.size(); p++) {
                for (Order o : orders.subList(next, next + pages.get(p))) {
                    // As the service's mapper leaves a page's order: its JSON as text, each item naming its place in it.
                    List<CanonicalOrderItem> items = o.items().stream().map(i -> {
                        CanonicalOrderItem c = i.item();
                        return new CanonicalOrderItem(c.marketplaceItemId(), c.sku(), c.productId(), c.title(), c.quantity(),
                                c.quantityShipped(), c.unitPrice(), c.status(), c.shipment(), null,
                                new CanonicalOrderItem.RawPlace("orderItems", i.rawIndex()));
                    }).toList();
                    batch.add(o.order().withRaw(null, items, o.rawJson()));
                }
                next += pages.get(p);
                if (batch.orders() >= batchOrders || p == pages.size() - 1) {
                    batches.add(batch.parameters());
                    batch = new OrderRows();
                }
            }
            return batches;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParsedOrders() {
    }

    static Fetched fetch(MarketplaceSandbox sandbox, AmazonSeller seller, String marketplaceId, Instant after, Instant before)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = form(Map.of("grant_type", "refresh_token", "refresh_token", seller.refreshToken(),
                "client_id", SandboxSettings.DEFAULT_CLIENT_ID, "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
        HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/auth/o2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(tokenResponse.body()).get("access_token").asText();

        AmazonOrderMapper mapper = new AmazonOrderMapper();
        List<Order> orders = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("marketplaceIds", marketplaceId);
            query.put("lastUpdatedAfter", after.toString());
            query.put("lastUpdatedBefore", before.toString());
            query.put("maxResultsPerPage", "100");
            query.put("includedData", "RECIPIENT,PROCEEDS,FULFILLMENT,BUYER");
            if (token != null) {
                query.put("paginationToken", token);
            }
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/orders/2026-01-01/orders?" + form(query)))
                    .header("x-amz-access-token", accessToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("searchOrders answered HTTP " + page.statusCode());
            }
            JsonNode body = JSON.readTree(page.body());
            int pageOrders = 0;
            for (JsonNode o : body.path("orders")) {
                CanonicalOrder c = mapper.map(o);
                pageOrders++;
                List<Item> items = new ArrayList<>();
                for (CanonicalOrderItem i : c.items()) {
                    int rawIndex = i.rawPlace().index();
                    items.add(new Item(new CanonicalOrderItem(i.marketplaceItemId(), i.sku(), i.productId(), i.title(), i.quantity(),
                            i.quantityShipped(), i.unitPrice(), i.status(), i.shipment(), null, null),
                            JSON.writeValueAsString(o.path("orderItems").get(rawIndex)), rawIndex));
                }
                CanonicalOrder lean = c.withRaw(null, List.of(), null);
                orders.add(new Order(lean, JSON.writeValueAsString(o), items));
            }
            pages.add(pageOrders);
            token = body.path("pagination").path("nextToken").asText(null);
        } while (token != null && !token.isEmpty());
        return new Fetched(orders, pages);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
