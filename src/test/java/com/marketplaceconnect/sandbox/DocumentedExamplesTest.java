package com.marketplaceconnect.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.amazon.AmazonSandbox;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipment events in docs/ ship orders of the local run's demo sellers: the orders are in the sandbox's demo data,
 * synced on start-up, and their items are what the events name, so the examples are accepted and pushed when pasted
 * into the local run (README, docs/shipment-events.md).
 */
class DocumentedExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private MarketplaceSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(new MutableClock(NOW)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theAmazonExampleShipsAnUnshippedSellerFulfilledOrderOfTheDemoSeller() throws IOException {
        JsonNode event = JSON.readTree(Files.readString(Path.of("docs/shipment-event.example.json")));
        sandbox.amazon().seedDemo();
        assertThat(event.get("externalAccountId").asText()).isEqualTo(AmazonSandbox.DEMO_SELLER_ID);

        JsonNode order = sandbox.amazon().order(event.get("marketplaceOrderId").asText());
        assertThat(order).as("the demo seller has the example's order").isNotNull();
        assertThat(sandbox.amazon().orderIds(AmazonSandbox.DEMO_SELLER_ID)).contains(order.get("orderId").asText());
        assertThat(order.at("/salesChannel/marketplaceId").asText()).isEqualTo("A21TJRUUN4KGV"); // amazon.in
        assertThat(order.at("/fulfillment/fulfillmentStatus").asText()).isEqualTo("UNSHIPPED");
        assertThat(order.at("/fulfillment/fulfilledBy").asText()).isEqualTo("MERCHANT");
        // In the first sync's window (30 days), and old enough for the 2-minute lag of lastUpdatedBefore.
        assertThat(Instant.parse(order.get("lastUpdatedTime").asText())).isAfter(NOW.minus(Duration.ofDays(29)))
                .isBefore(NOW.minus(Duration.ofMinutes(3)));

        Map<String, Integer> byId = new HashMap<>();
        Map<String, Integer> bySku = new HashMap<>();
        for (JsonNode item : order.get("orderItems")) {
            byId.put(item.get("orderItemId").asText(), item.get("quantityOrdered").asInt());
            bySku.put(item.at("/product/sellerSku").asText(), item.get("quantityOrdered").asInt());
        }
        for (JsonNode item : event.get("items")) {
            int quantity = item.get("quantity").asInt();
            if (item.has("orderItemId")) {
                assertThat(byId).containsEntry(item.get("orderItemId").asText(), quantity);
            } else {
                assertThat(bySku).containsEntry(item.get("sku").asText(), quantity);
            }
        }
    }

    @Test
    void theFlipkartExampleDispatchesAWholeSelfShipShipmentOfTheDemoSeller() throws IOException {
        JsonNode event = JSON.readTree(Files.readString(Path.of("docs/shipment-event.flipkart.example.json")));
        sandbox.flipkart().seedDemo();
        assertThat(event.get("externalAccountId").asText()).isEqualTo(FlipkartSandbox.DEMO_SELLER_ID);

        String shipmentId = event.get("marketplaceShipmentId").asText();
        JsonNode shipment = sandbox.flipkart().shipment(shipmentId);
        assertThat(shipment).as("the demo seller has the example's shipment").isNotNull();
        assertThat(sandbox.flipkart().shipmentIds(FlipkartSandbox.DEMO_SELLER_ID)).contains(shipmentId);
        assertThat(sandbox.flipkart().orderIdOf(shipmentId)).isEqualTo(event.get("marketplaceOrderId").asText());
        assertThat(sandbox.flipkart().shipmentsOfOrder(event.get("marketplaceOrderId").asText())).containsExactly(shipmentId);
        assertThat(shipment.get("hold").asBoolean()).isFalse();

        Map<String, Integer> items = new HashMap<>();
        for (JsonNode item : shipment.get("orderItems")) {
            assertThat(item.get("status").asText()).isEqualTo("READY_TO_DISPATCH");
            items.put(item.get("orderItemId").asText(), item.get("quantity").asInt());
        }
        assertThat(shipment.get("shipmentType").asText()).isEqualTo("SELF");
        // Flipkart dispatches a shipment whole: the event names every item of it, with its full quantity.
        Map<String, Integer> named = new HashMap<>();
        event.get("items").forEach(item -> named.put(item.get("orderItemId").asText(), item.get("quantity").asInt()));
        assertThat(named).isEqualTo(items);
    }
}
