package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.SandboxTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static com.marketplaceconnect.sandbox.SandboxTestClient.JSON;
import static com.marketplaceconnect.sandbox.SandboxTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class ConfirmShipmentTest {

    private static final String IN = "A21TJRUUN4KGV";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private MarketplaceSandbox sandbox;
    private SandboxTestClient client;
    private String token;
    private List<String> ids;

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock).withRateLimitsEnabled(false));
        client = new SandboxTestClient(sandbox);
        token = client.accessToken(sandbox.amazon().addSeller("A1SELLER", "EU").refreshToken());
        ids = sandbox.amazon().generateOrders("A1SELLER", IN, 300, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofMinutes(3)), 11);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void confirmingAllItemsShipsTheOrderAndRecordsThePackage() {
        JsonNode order = find("UNSHIPPED", "MERCHANT");
        String orderId = order.get("orderId").asText();
        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> r = confirm(orderId, request(order, "1", b -> { }));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("2.0");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();

        JsonNode after = sandbox.amazon().order(orderId);
        assertThat(after.get("fulfillment").get("fulfillmentStatus").asText()).isEqualTo("SHIPPED");
        assertThat(after.get("lastUpdatedTime").asText()).isEqualTo(clock.instant().toString());
        JsonNode pkg = after.get("packages").get(0);
        assertThat(pkg.get("packageReferenceId").asText()).isEqualTo("1");
        assertThat(pkg.get("trackingNumber").asText()).isEqualTo("TRK123456789");
        assertThat(pkg.get("carrier").asText()).isEqualTo("Delhivery");
        assertThat(after.get("orderItems")).allSatisfy(i -> assertThat(i.get("fulfillment").get("quantityUnfulfilled").asInt()).isZero());
        assertThat(sandbox.amazon().shipmentConfirmations(orderId)).hasSize(1);
        assertThat(sandbox.amazon().shipmentConfirmations(orderId).get(0).get("packageDetail").get("trackingNumber").asText())
                .isEqualTo("TRK123456789");

        // the same packageReferenceId again edits the package
        assertThat(confirm(orderId, request(order, "1", b -> b.with("packageDetail").put("trackingNumber", "TRK-NEW"))).statusCode())
                .isEqualTo(204);
        JsonNode edited = sandbox.amazon().order(orderId);
        assertThat(edited.get("packages")).hasSize(1);
        assertThat(edited.get("packages").get(0).get("trackingNumber").asText()).isEqualTo("TRK-NEW");

        // a new package on a fully shipped order
        HttpResponse<String> again = confirm(orderId, request(order, "2", b -> { }));
        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode error = json(again).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("PackageToUpdateNotFound");
        assertThat(error.get("message").asText())
                .isEqualTo("Failed to create package due to not finding a matching package or order already fulfilled");
        assertThat(sandbox.amazon().shipmentConfirmations(orderId)).hasSize(2);
    }

    @Test
    void confirmingPartOfTheQuantityIsPartiallyShipped() {
        JsonNode order = ids.stream().map(sandbox.amazon()::order)
                .filter(o -> o.get("fulfillment").get("fulfillmentStatus").asText().equals("UNSHIPPED"))
                .filter(o -> o.get("fulfillment").get("fulfilledBy").asText().equals("MERCHANT"))
                .filter(o -> o.get("orderItems").size() > 1).findFirst().orElseThrow();
        String orderId = order.get("orderId").asText();
        JsonNode first = order.get("orderItems").get(0);
        ObjectNode body = request(order, "1", b -> {
            ArrayNode items = b.with("packageDetail").putArray("orderItems");
            items.addObject().put("orderItemId", first.get("orderItemId").asText()).put("quantity", first.get("quantityOrdered").asInt());
        });
        assertThat(confirm(orderId, body).statusCode()).isEqualTo(204);
        assertThat(sandbox.amazon().order(orderId).get("fulfillment").get("fulfillmentStatus").asText()).isEqualTo("PARTIALLY_SHIPPED");

        assertThat(confirm(orderId, request(order, "2", b -> {
            ArrayNode items = b.with("packageDetail").putArray("orderItems");
            for (int i = 1; i < order.get("orderItems").size(); i++) {
                JsonNode it = order.get("orderItems").get(i);
                items.addObject().put("orderItemId", it.get("orderItemId").asText()).put("quantity", it.get("quantityOrdered").asInt());
            }
        })).statusCode()).isEqualTo(204);
        JsonNode shipped = sandbox.amazon().order(orderId);
        assertThat(shipped.get("fulfillment").get("fulfillmentStatus").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.get("packages")).hasSize(2);
    }

    @Test
    void documentedValidationErrors() {
        JsonNode order = find("UNSHIPPED", "MERCHANT");
        String orderId = order.get("orderId").asText();

        assertError(orderId, request(order, "abc", b -> { }), "PackageReferenceId: is invalid, must be a positive numeric value.");
        assertError(orderId, request(order, "0", b -> { }), "PackageReferenceId: is invalid, must be a positive numeric value.");
        assertError(orderId, request(order, "1", b -> ((ObjectNode) b.with("packageDetail").get("orderItems").get(0))
                .put("orderItemId", "99999999999999")), ConfirmShipmentHandler.ORDER_ITEM_ID_INVALID);
        assertError(orderId, request(order, "1", b -> b.with("packageDetail").put("shipDate", "02/21/2022")), "Invalid Input");
        assertError(orderId, request(order, "1", b -> b.with("packageDetail").remove("trackingNumber")), "packageDetail.trackingNumber");
        assertError(orderId, request(order, "1", b -> b.remove("marketplaceId")), "marketplaceId");
        assertError(orderId, request(order, "1", b -> b.with("packageDetail").remove("carrierCode")), "carrierCode");
        assertError(orderId, request(order, "1", b -> b.with("packageDetail").put("carrierCode", "Other").remove("carrierName")), "CarrierName");
        assertError(orderId, request(order, "1", b -> b.put("marketplaceId", "A1F83G8C2ARO7P")), "marketplaceId");
        assertError(orderId, request(order, "1", b -> ((ObjectNode) b.with("packageDetail").get("orderItems").get(0))
                .put("quantity", 99)), "exceeds");

        assertThat(confirm(orderId, request(order, "1", b -> b.with("packageDetail").put("carrierCode", "Other")
                .put("carrierName", "Shree Maruti Courier"))).statusCode()).isEqualTo(204);
        assertThat(sandbox.amazon().order(orderId).get("packages").get(0).get("carrier").asText()).isEqualTo("Shree Maruti Courier");
    }

    @Test
    void cancelledAmazonFulfilledAndUnknownOrders() {
        JsonNode cancelled = find("CANCELLED", "MERCHANT");
        assertError(cancelled.get("orderId").asText(), request(cancelled, "1", b -> { }), "cancelled");
        JsonNode afn = find("UNSHIPPED", "AMAZON");
        assertError(afn.get("orderId").asText(), request(afn, "1", b -> { }), "fulfilled by Amazon");

        HttpResponse<String> unknown = confirm("402-0000000-0000000", request(find("UNSHIPPED", "MERCHANT"), "1", b -> { }));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("errors").get(0).get("code").asText()).isEqualTo("NotFound");
        assertThat(client.postJson("/orders/v0/orders/" + afn.get("orderId").asText() + "/shipmentConfirmation", token, "not json")
                .statusCode()).isEqualTo(400);
    }

    private void assertError(String orderId, ObjectNode body, String messagePart) {
        HttpResponse<String> r = confirm(orderId, body);
        assertThat(r.statusCode()).as(messagePart).isEqualTo(400);
        JsonNode error = json(r).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("message").asText()).as(body.toString()).contains(messagePart);
    }

    private HttpResponse<String> confirm(String orderId, ObjectNode body) {
        return client.postJson("/orders/v0/orders/" + orderId + "/shipmentConfirmation", token, body.toString());
    }

    private JsonNode find(String status, String fulfilledBy) {
        return ids.stream().map(sandbox.amazon()::order)
                .filter(o -> o.get("fulfillment").get("fulfillmentStatus").asText().equals(status))
                .filter(o -> o.get("fulfillment").get("fulfilledBy").asText().equals(fulfilledBy))
                .findFirst().orElseThrow();
    }

    private static ObjectNode request(JsonNode order, String packageReferenceId, Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("marketplaceId", order.get("salesChannel").get("marketplaceId").asText());
        ObjectNode detail = body.putObject("packageDetail");
        detail.put("packageReferenceId", packageReferenceId);
        detail.put("carrierCode", "Delhivery");
        detail.put("carrierName", "Delhivery");
        detail.put("shippingMethod", "Surface");
        detail.put("trackingNumber", "TRK123456789");
        detail.put("shipDate", "2026-03-01T09:00:00.000Z");
        ArrayNode items = detail.putArray("orderItems");
        for (JsonNode item : order.get("orderItems")) {
            items.addObject().put("orderItemId", item.get("orderItemId").asText()).put("quantity", item.get("quantityOrdered").asInt());
        }
        change.accept(body);
        return body;
    }
}
