package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.SandboxTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.marketplaceconnect.sandbox.SandboxTestClient.enc;
import static com.marketplaceconnect.sandbox.SandboxTestClient.json;
import static com.marketplaceconnect.sandbox.SandboxTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class SearchOrdersTest {

    private static final String IN = "A21TJRUUN4KGV";
    private static final String UK = "A1F83G8C2ARO7P";
    private static final String PATH = "/orders/2026-01-01/orders";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private MarketplaceSandbox sandbox;
    private SandboxTestClient client;
    private String token;
    private List<String> indiaIds;

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock).withRateLimitsEnabled(false));
        client = new SandboxTestClient(sandbox);
        AmazonSeller seller = sandbox.amazon().addSeller("A1SELLER", "EU");
        indiaIds = sandbox.amazon().generateOrders("A1SELLER", IN, 250, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofMinutes(3)), 7);
        sandbox.amazon().generateOrders("A1SELLER", UK, 30, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofMinutes(3)), 8);
        token = client.accessToken(seller.refreshToken());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void pagesThroughEveryOrderOldestFirstWithTokensRoundTripped() {
        String after = NOW.minus(Duration.ofDays(11)).toString();
        List<String> seen = new ArrayList<>();
        List<Instant> updated = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            HttpResponse<String> r = client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", after,
                    "maxResultsPerPage", "40", "paginationToken", next), token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("0.0056");
            assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
            JsonNode body = json(r);
            assertThat(body.has("payload")).isFalse();
            assertThat(body.get("lastUpdatedBefore").asText()).isEqualTo(NOW.minus(Duration.ofMinutes(2)).toString());
            for (JsonNode o : body.get("orders")) {
                seen.add(o.get("orderId").asText());
                updated.add(Instant.parse(o.get("lastUpdatedTime").asText()));
            }
            next = body.has("pagination") ? body.get("pagination").get("nextToken").asText() : null;
            if (next != null) tokens.add(next);
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(7);
        assertThat(seen).hasSize(250).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(indiaIds);
        assertThat(updated).isSorted();
        assertThat(tokens).allSatisfy(t -> assertThat(t).contains("+").contains("/").contains("="));
        // the client URL-encoded the token once; the sandbox recorded it decoded, byte for byte
        List<RecordedCall> calls = sandbox.calls().matching("GET", PATH);
        assertThat(calls.get(1).rawQuery()).contains("%2B").contains("%2F").contains("%3D");
        assertThat(tokens).contains(calls.get(1).queryParam("paginationToken"));
    }

    @Test
    void orderJsonHasTheV20260101Shape() {
        JsonNode orders = json(client.get(PATH + query("marketplaceIds", IN + "," + UK, "createdAfter", "2026-01-01T00:00:00Z",
                "includedData", "BUYER,RECIPIENT,PACKAGES"), token)).get("orders");
        assertThat(orders).hasSize(100);
        for (JsonNode o : orders) {
            assertThat(o.get("orderId").asText()).matches("\\d{3}-\\d{7}-\\d{7}");
            assertThat(o.get("orderAliases").get(0).get("aliasType").asText()).isEqualTo("SELLER_ORDER_ID");
            assertThat(o.get("salesChannel").get("channelName").asText()).isEqualTo("AMAZON");
            assertThat(o.get("buyer").get("buyerEmail").asText()).contains("@marketplace.amazon.");
            String status = o.get("fulfillment").get("fulfillmentStatus").asText();
            assertThat(o.get("fulfillment").get("fulfilledBy").asText()).isIn("MERCHANT", "AMAZON");
            assertThat(Instant.parse(o.get("lastUpdatedTime").asText())).isAfterOrEqualTo(Instant.parse(o.get("createdTime").asText()));
            if (status.equals("PENDING")) {
                assertThat(o.has("recipient")).isFalse();
                assertThat(o.has("proceeds")).isFalse();
            } else {
                assertThat(o.get("recipient").get("deliveryAddress").get("postalCode").asText()).isNotBlank();
                assertThat(o.get("proceeds").get("grandTotal").get("amount").asText()).matches("\\d+\\.\\d{2}");
            }
            if (status.equals("SHIPPED")) assertThat(o.get("packages")).isNotEmpty();
            for (JsonNode item : o.get("orderItems")) {
                assertThat(item.get("orderItemId").asText()).matches("\\d{14}");
                assertThat(item.get("product").get("price").get("unitPrice").get("amount").asText()).matches("\\d+\\.\\d{2}");
                assertThat(item.get("fulfillment").get("quantityFulfilled").asInt()
                        + item.get("fulfillment").get("quantityUnfulfilled").asInt()).isEqualTo(item.get("quantityOrdered").asInt());
            }
        }
        JsonNode bare = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z",
                "maxResultsPerPage", "5"), token)).get("orders");
        assertThat(bare).hasSize(5).allSatisfy(o -> {
            assertThat(o.has("buyer")).isFalse();
            assertThat(o.has("recipient")).isFalse();
            assertThat(o.has("packages")).isFalse();
            assertThat(o.get("orderItems")).isNotEmpty();
        });
    }

    @Test
    void filtersAndRangesAreInclusive() {
        String id = indiaIds.get(0);
        JsonNode order = sandbox.amazon().order(id);
        String created = order.get("createdTime").asText();
        JsonNode exact = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", created, "createdBefore", created), token));
        assertThat(exact.get("orders").findValuesAsText("orderId")).contains(id);

        JsonNode shipped = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z",
                "fulfillmentStatuses", "SHIPPED", "fulfilledBy", "AMAZON"), token));
        assertThat(shipped.get("orders")).isNotEmpty().allSatisfy(o -> {
            assertThat(o.get("fulfillment").get("fulfillmentStatus").asText()).isEqualTo("SHIPPED");
            assertThat(o.get("fulfillment").get("fulfilledBy").asText()).isEqualTo("AMAZON");
        });
        assertThat(shipped.has("createdBefore")).isTrue();
    }

    @Test
    void pagingIsStableWhenOrdersChangeBetweenPages() {
        String after = NOW.minus(Duration.ofDays(11)).toString();
        JsonNode first = json(client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", after, "maxResultsPerPage", "100"), token));
        List<String> firstPage = first.get("orders").findValuesAsText("orderId");
        // an order on a later page is updated: it must still come back (once), not vanish past the window
        List<String> all = new ArrayList<>(firstPage);
        String moved = indiaIds.stream().filter(i -> !firstPage.contains(i)).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        sandbox.amazon().updateOrder(moved, "CANCELLED", clock.instant());
        String next = first.get("pagination").get("nextToken").asText();
        while (next != null) {
            JsonNode page = json(client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", after,
                    "maxResultsPerPage", "100", "paginationToken", next), token));
            all.addAll(page.get("orders").findValuesAsText("orderId"));
            next = page.has("pagination") ? page.get("pagination").get("nextToken").asText() : null;
        }
        assertThat(all).hasSize(250).doesNotHaveDuplicates().contains(moved);
    }

    @Test
    void aPageServesEachOrderAsItIsNowTheSameAsItsFullRendering() {
        String after = NOW.minus(Duration.ofDays(11)).toString();
        String all = java.util.Arrays.stream(IncludedData.values()).map(Enum::name).collect(java.util.stream.Collectors.joining(","));
        String search = PATH + query("marketplaceIds", IN, "lastUpdatedAfter", after, "maxResultsPerPage", "100", "includedData", all);
        JsonNode first = json(client.get(search, token)).get("orders");
        for (JsonNode order : first) {
            assertThat(order).isEqualTo(sandbox.amazon().order(order.get("orderId").asText()));
        }
        // Served again after a change (pages keep each order's JSON until it changes): the new status, not the old one.
        String changed = first.get(0).get("orderId").asText();
        clock.advance(Duration.ofMinutes(5));
        sandbox.amazon().updateOrder(changed, "CANCELLED", clock.instant().minus(Duration.ofMinutes(3)));
        JsonNode body = json(client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", NOW.toString(), "includedData", all), token));
        JsonNode orders = body.get("orders");
        assertThat(orders).as(body.toString()).hasSize(1);
        JsonNode again = orders.get(0);
        assertThat(again).isEqualTo(sandbox.amazon().order(changed));
        assertThat(again.get("fulfillment").get("fulfillmentStatus").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void tokenOnlyContinuesTheSameSearch() {
        String after = "2026-01-01T00:00:00Z";
        String next = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "maxResultsPerPage", "10"), token))
                .get("pagination").get("nextToken").asText();

        // maxResultsPerPage and includedData may change
        assertThat(client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "maxResultsPerPage", "50",
                "includedData", "BUYER", "paginationToken", next), token).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = client.get(PATH + query("marketplaceIds", IN, "createdAfter", "2026-01-02T00:00:00Z",
                "paginationToken", next), token);
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(json(changed).get("errors").get(0).get("message").asText()).contains("identical");

        HttpResponse<String> onlyToken = client.get(PATH + query("paginationToken", next), token);
        assertThat(onlyToken.statusCode()).isEqualTo(400);
    }

    @Test
    void tamperedOrMisencodedTokensCannotBeDecoded() {
        String after = "2026-01-01T00:00:00Z";
        String next = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "maxResultsPerPage", "10"), token))
                .get("pagination").get("nextToken").asText();
        char[] chars = next.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);

        for (String bad : List.of(tampered, "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4", next.substring(0, next.length() - 6))) {
            HttpResponse<String> r = client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "paginationToken", bad), token);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("0.0056");
            assertThat(r.body()).isEqualTo("{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"We could not decode your "
                    + "NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.\",\"details\":\"\"}]}");
        }
        // not URL-encoded: '+' arrives as a space
        HttpResponse<String> raw = client.get(PATH + query("marketplaceIds", IN, "createdAfter", after)
                + "&paginationToken=" + next.replace("=", "%3D").replace("/", "%2F"), token);
        assertThat(raw.statusCode()).isEqualTo(400);
        // encoded twice
        HttpResponse<String> twice = client.get(PATH + query("marketplaceIds", IN, "createdAfter", after)
                + "&paginationToken=" + enc(enc(next)), token);
        assertThat(twice.statusCode()).isEqualTo(400);
    }

    @Test
    void tokensExpireAfter24Hours() {
        String after = "2026-01-01T00:00:00Z";
        String next = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "maxResultsPerPage", "10"), token))
                .get("pagination").get("nextToken").asText();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        String fresh = client.accessToken(sandbox.amazon().issueRefreshToken("A1SELLER"));
        HttpResponse<String> r = client.get(PATH + query("marketplaceIds", IN, "createdAfter", after, "paginationToken", next), fresh);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("message").asText()).contains("expired");
    }

    @Test
    void dateParameterRules() {
        assertBadRequest(query("marketplaceIds", IN), "Either createdAfter or lastUpdatedAfter");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "lastUpdatedAfter", "2026-01-01T00:00:00Z"),
                "cannot be specified together");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "lastUpdatedBefore", "2026-02-01T00:00:00Z"),
                "lastUpdatedBefore cannot be specified together with createdAfter");
        assertBadRequest(query("marketplaceIds", IN, "lastUpdatedAfter", "2026-01-01T00:00:00Z", "createdBefore", "2026-02-01T00:00:00Z"),
                "createdBefore cannot be specified together with lastUpdatedAfter");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-02-01T00:00:00Z", "createdBefore", "2026-01-01T00:00:00Z"),
                "must be equal to or later than");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "01/02/2026"), "ISO 8601");
        assertBadRequest(query("createdAfter", "2026-01-01T00:00:00Z"), "marketplaceIds");
        assertBadRequest(query("marketplaceIds", "ATVPDKIKX0DER", "createdAfter", "2026-01-01T00:00:00Z"), "Invalid marketplaceId");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "maxResultsPerPage", "101"), "maxResultsPerPage");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "maxResultsPerPage", "0"), "maxResultsPerPage");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "includedData", "BUYER,ADDRESS"), "includedData");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "fulfillmentStatuses", "Shipped"), "fulfillmentStatuses");
        assertBadRequest(query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z", "fulfilledBy", "MFN"), "fulfilledBy");
    }

    @Test
    void beforeMustBeAtLeastTwoMinutesAgo() {
        String tooRecent = NOW.minus(Duration.ofSeconds(119)).toString();
        HttpResponse<String> r = client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", "2026-01-01T00:00:00Z",
                "lastUpdatedBefore", tooRecent), token);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("message").asText()).isEqualTo(SearchCriteria.TOO_RECENT);

        String ok = NOW.minus(Duration.ofMinutes(2)).toString();
        assertThat(client.get(PATH + query("marketplaceIds", IN, "lastUpdatedAfter", "2026-01-01T00:00:00Z",
                "lastUpdatedBefore", ok), token).statusCode()).isEqualTo(200);
        assertThat(client.get(PATH + query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z",
                "createdBefore", NOW.toString()), token).statusCode()).isEqualTo(400);
    }

    @Test
    void sellersOnlySeeTheirOwnOrders() {
        AmazonSeller other = sandbox.amazon().addSeller("A9OTHER", "EU");
        List<String> theirs = sandbox.amazon().generateOrders("A9OTHER", IN, 5, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(3)), 99);
        String otherToken = client.accessToken(other.refreshToken());

        JsonNode mine = json(client.get(PATH + query("marketplaceIds", IN, "createdAfter", "2026-01-01T00:00:00Z"), otherToken));
        assertThat(mine.get("orders").findValuesAsText("orderId")).containsExactlyInAnyOrderElementsOf(theirs);

        assertThat(client.get(PATH + "/" + indiaIds.get(0), otherToken).statusCode()).isEqualTo(404);
        HttpResponse<String> own = client.get(PATH + "/" + indiaIds.get(0), token);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).get("order").get("orderId").asText()).isEqualTo(indiaIds.get(0));
        assertThat(own.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("0.5");
    }

    @Test
    void unknownOrderIs404WithErrorsBody() {
        HttpResponse<String> r = client.get(PATH + "/402-0000000-0000000", token);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("errors").get(0).get("code").asText()).isEqualTo("NotFound");
        assertThat(r.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("0.5");
    }

    @Test
    void callsAreRecordedWithDecodedQuery() {
        sandbox.calls().clear();
        client.get(PATH + query("marketplaceIds", IN + "," + UK, "createdAfter", "2026-01-01T00:00:00+05:30"), token);
        RecordedCall call = sandbox.calls().all().get(0);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.path()).isEqualTo(PATH);
        assertThat(call.queryParam("createdAfter")).isEqualTo("2026-01-01T00:00:00+05:30");
        assertThat(call.queryParam("marketplaceIds")).isEqualTo(IN + "," + UK);
        assertThat(call.rawQuery()).contains("%2B05%3A30");
        assertThat(call.headers()).containsKey("x-amz-access-token");
        assertThat(call.status()).isEqualTo(200);
    }

    private void assertBadRequest(String query, String messagePart) {
        HttpResponse<String> r = client.get(PATH + query, token);
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        JsonNode error = json(r).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("message").asText()).as(query).contains(messagePart);
    }
}
