package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an Amazon call sends, whatever else the exchange carries: its own method, path and query (never those an
 * earlier call left), the token and the HTTP basics, and no other header of the exchange.
 */
class AmazonCallHeadersTest extends IntegrationTest {
    private static final String IN = AmazonMarketplace.IN.marketplaceId();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProducerTemplate producer;

    private record Connected(long accountId, String sellingPartnerId) {
    }

    private Connected connect() {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, 3, now.minus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        var response = new Api(baseUrl()).post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Connected(response.json().get("id").asLong(), spid);
    }

    /** Headers an earlier step or call may have left on the exchange. */
    private static void leftOver(Exchange exchange) {
        var message = exchange.getMessage();
        message.setHeader("X-Internal-Secret", "not for Amazon");
        // Another connector's token header (Flipkart declares Authorization): never sent to Amazon.
        message.setHeader("Authorization", "Bearer another-marketplaces-token");
        message.setHeader("x-amzn-RequestId", "an earlier answer's");
        message.setHeader(Exchange.HTTP_METHOD, "DELETE");
        message.setHeader(Exchange.HTTP_PATH, "/elsewhere");
        message.setHeader(Exchange.HTTP_QUERY, "stale=1");
        message.setHeader(Exchange.HTTP_URI, SANDBOX.baseUrl() + "/elsewhere");
    }

    private static void onlyItsOwnHeaders(RecordedCall call) {
        assertThat(call.headers()).doesNotContainKeys("x-internal-secret", "x-amzn-requestid", "authorization");
        assertThat(call.header("x-amz-access-token")).isNotBlank();
        assertThat(call.header("user-agent")).startsWith("MarketplaceConnect/");
        assertThat(call.header("accept")).isEqualTo("application/json");
        assertThat(call.headers().keySet()).allSatisfy(h -> assertThat(h).doesNotStartWith("camel"));
    }

    @Test
    void aSearchOrdersCallSendsOnlyItsOwnHeadersWhateverTheExchangeCarries() {
        Connected c = connect();
        Instant to = CLOCK.instant().minus(Duration.ofMinutes(2));
        SANDBOX.calls().clear();

        Exchange result = producer.send("direct:amazon-search-orders-page", exchange -> {
            exchange.setProperty("accountId", c.accountId());
            exchange.setProperty("marketplace", "AMAZON");
            exchange.setProperty("syncWindow", new SyncWindow(List.of("IN"), List.of(IN), to.minus(Duration.ofDays(3)), to));
            exchange.setProperty("spApiEndpoint", SANDBOX.baseUrl());
            leftOver(exchange);
            exchange.getMessage().setHeader("Content-Type", "application/json");   // an earlier answer's
        });

        assertThat(result.getException()).isNull();
        assertThat(SANDBOX.calls().matching(null, "/elsewhere")).isEmpty();
        List<RecordedCall> calls = SANDBOX.calls().matching(null, "/orders");
        assertThat(calls).extracting(RecordedCall::path).containsExactly("/orders/2026-01-01/orders");
        RecordedCall call = calls.get(0);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.queryParam("marketplaceIds")).isEqualTo(IN);
        assertThat(call.queryParam("stale")).isNull();
        assertThat(call.header("content-type")).isNull();
        onlyItsOwnHeaders(call);
        assertThat(result.getProperty("pageOrders", List.class)).hasSize(3);
    }

    @Test
    void aConfirmShipmentCallSendsOnlyItsOwnHeadersWhateverTheExchangeCarries() throws Exception {
        Connected c = connect();
        String orderId = SANDBOX.amazon().orderIds(c.sellingPartnerId()).get(0);
        ArrayNode items = JSON.createArrayNode();
        for (JsonNode item : SANDBOX.amazon().order(orderId).path("orderItems")) {
            items.addObject().put("orderItemId", item.get("orderItemId").asText()).put("quantity", item.get("quantityOrdered").asInt());
        }
        JsonNode event = JSON.readTree("{\"carrierCode\":\"BLUEDART\",\"trackingNumber\":\"BD123\",\"shipDate\":\"2026-11-05T14:30:00+05:30\"}");
        // No outbox row (id -1): the call is what this test looks at, its outcome is recorded nowhere.
        ShipmentPush push = new ShipmentPush(-1, "evt-" + UUID.randomUUID(), c.accountId(), "AMAZON", "EU", "IN", -1, orderId,
                items, 1, event, 1, false);
        SANDBOX.calls().clear();

        producer.send("direct:tracking-push-amazon", exchange -> {
            exchange.getMessage().setBody(push);
            leftOver(exchange);
        });

        assertThat(SANDBOX.calls().matching(null, "/elsewhere")).isEmpty();
        List<RecordedCall> calls = SANDBOX.calls().matching(null, "/orders");
        assertThat(calls).extracting(RecordedCall::path).containsExactly("/orders/v0/orders/" + orderId + "/shipmentConfirmation");
        RecordedCall call = calls.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawQuery()).isNullOrEmpty();
        assertThat(call.header("content-type")).startsWith("application/json");
        assertThat(JSON.readTree(call.body()).get("marketplaceId").asText()).isEqualTo(IN);
        onlyItsOwnHeaders(call);
    }
}
