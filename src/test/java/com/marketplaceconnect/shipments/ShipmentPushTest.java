package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox push to Amazon: retries from the stored row, failures, updates, restarts, the status API. */
class ShipmentPushTest extends ShipmentTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double counted(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String path(String orderId) {
        return "/orders/v0/orders/" + orderId + "/shipmentConfirmation";
    }

    private String accept(Map<String, Object> event) {
        var response = api().post("/api/shipments", json(event));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) event.get("eventId");
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccessEndsPushed() {
        String orderId = freshOrder();
        SANDBOX.faults().add(FaultRule.status(path(orderId), 503, 2));
        String eventId = accept(event(orderId));

        awaitState(eventId, "PUSHED");
        assertThat(SANDBOX.calls().matching("POST", path(orderId))).extracting(RecordedCall::status).containsExactly(503, 503, 204);
        assertThat(row(eventId).get("attempts")).isEqualTo(3);
        assertThat(row(eventId).get("last_error")).isNull();
        assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
    }

    @Test
    void aValidationErrorIsFailedAtOnceWithAmazonsMessageAndCanBeRetriedOnceFixed() {
        String orderId = freshOrder();
        // The synced copy of an item id is wrong, so Amazon refuses the package.
        String itemId = (String) items(orderId).get(0).get("marketplace_item_id");
        jdbc.update("update order_item set marketplace_item_id = '99999999999999' where marketplace_item_id = ?", itemId);
        String eventId = accept(event(orderId));

        awaitState(eventId, "FAILED");
        assertThat(row(eventId).get("attempts")).isEqualTo(1);
        assertThat((String) row(eventId).get("last_error")).contains("HTTP 400").contains("OrderItemId  is invalid");
        JsonNode status = api().get("/api/shipments/" + eventId).json();
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(status.get("lastError").asText()).contains("OrderItemId");
        assertThat(status.get("marketplaceResponse").asText()).contains("InvalidInput");
        assertThat(api().get("/api/shipments?state=FAILED").json().findValuesAsText("eventId")).contains(eventId);
        JsonNode outcome = parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(eventId)).get(0).value());
        assertThat(outcome.get("state").asText()).isEqualTo("FAILED");

        // A PUSHED or PENDING event cannot be retried; a FAILED one can, once the cause is fixed.
        jdbc.update("update order_item set marketplace_item_id = ? where marketplace_item_id = '99999999999999'", itemId);
        jdbc.update("update shipment_event set items = replace(items::text, '99999999999999', ?)::jsonb where event_id = ?", itemId, eventId);
        var retry = api().post("/api/shipments/" + eventId + "/retry", Map.of());
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        awaitState(eventId, "PUSHED");
        assertThat(SANDBOX.calls().matching("POST", path(orderId))).extracting(RecordedCall::status).containsExactly(400, 204);
        assertThat(api().post("/api/shipments/" + eventId + "/retry", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void transientFailuresUpToTheLastAttemptEndDeadWithTheLastError() {
        String orderId = freshOrder();
        SANDBOX.faults().add(FaultRule.status(path(orderId), 503, 100));
        double deadBefore = counted("mc.push", "marketplace", "AMAZON", "outcome", "DEAD");
        double deadLettersBefore = counted("mc.dead.letters", "source", "shipments.push");
        String eventId = accept(event(orderId));

        awaitState(eventId, "DEAD");
        // The counters follow the row's update on the pushing thread: wait for them rather than race it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(counted("mc.push", "marketplace", "AMAZON", "outcome", "DEAD")).isEqualTo(deadBefore + 1);
            assertThat(counted("mc.dead.letters", "source", "shipments.push")).isEqualTo(deadLettersBefore + 1);
        });
        assertThat(row(eventId).get("attempts")).isEqualTo(4);   // shipments.push.retry.max-attempts in the tests
        assertThat((String) row(eventId).get("last_error")).contains("4 attempts").contains("HTTP 503");
        assertThat(SANDBOX.calls().matching("POST", path(orderId))).hasSize(4);
        assertThat(api().get("/api/shipments?state=DEAD").json().findValuesAsText("eventId")).contains(eventId);
        List<ConsumerRecord<String, String>> outcomes = awaitRecords(OUTCOMES, 1, r -> r.value().contains(eventId));
        assertThat(parse(outcomes.get(0).value()).get("state").asText()).isEqualTo("DEAD");
    }

    @Test
    void aLaterDifferentEventForAConfirmedOrderEditsTheSamePackage() {
        String orderId = freshOrder();
        Map<String, Object> first = event(orderId);
        String firstId = accept(first);
        awaitState(firstId, "PUSHED");
        Map<String, Object> corrected = event(orderId);
        corrected.put("carrierCode", "ACME-COURIER");
        corrected.put("carrierName", "Acme Courier");
        String secondId = accept(corrected);
        awaitState(secondId, "PUSHED");

        List<JsonNode> confirmations = SANDBOX.amazon().shipmentConfirmations(orderId);
        assertThat(confirmations).hasSize(2);
        assertThat(confirmations.get(1).at("/packageDetail/packageReferenceId").asText())
                .isEqualTo(confirmations.get(0).at("/packageDetail/packageReferenceId").asText());
        assertThat(confirmations.get(1).at("/packageDetail/trackingNumber").asText()).isEqualTo(corrected.get("trackingNumber"));
        // Not in the IN carrier table: Other, with the carrier's name.
        assertThat(confirmations.get(1).at("/packageDetail/carrierCode").asText()).isEqualTo("Other");
        assertThat(confirmations.get(1).at("/packageDetail/carrierName").asText()).isEqualTo("Acme Courier");
        JsonNode outcome = parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(secondId)).get(0).value());
        assertThat(outcome.get("action").asText()).isEqualTo("UPDATE");
    }

    @Test
    void rowsLeftByAStoppedInstanceArePushedByAFreshPoller() throws Exception {
        String crashedOrder = freshOrder();
        String waitingOrder = freshOrder();
        camel.getRouteController().stopRoute("tracking-push-amazon-poll");
        String crashed;
        String waiting;
        try {
            crashed = accept(event(crashedOrder));
            waiting = accept(event(waitingOrder));
            // What a process that died leaves behind: one row mid-push (IN_FLIGHT, lease run out) after two
            // attempts, one waiting for its retry (PENDING, attempts 1, next attempt due).
            jdbc.update("""
                    update shipment_event set state = 'IN_FLIGHT', attempts = 2, lease_until = now() - interval '1 second',
                           last_error = 'HTTP 503 from /orders/v0' where event_id = ?""", crashed);
            jdbc.update("""
                    update shipment_event set attempts = 1, next_attempt_at = now() - interval '1 second',
                           last_error = 'HTTP 429 from /orders/v0' where event_id = ?""", waiting);
            assertThat(SANDBOX.calls().matching("POST", path(crashedOrder))).isEmpty();
        } finally {
            camel.getRouteController().startRoute("tracking-push-amazon-poll");
        }
        awaitState(crashed, "PUSHED");
        awaitState(waiting, "PUSHED");
        assertThat(row(crashed).get("attempts")).isEqualTo(3);
        assertThat(row(waiting).get("attempts")).isEqualTo(2);
        assertThat(SANDBOX.amazon().shipmentConfirmations(crashedOrder)).hasSize(1);
        assertThat(SANDBOX.amazon().shipmentConfirmations(waitingOrder)).hasSize(1);
    }
}
