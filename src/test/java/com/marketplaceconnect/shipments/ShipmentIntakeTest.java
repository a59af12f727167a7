package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The three doors into one flow: topic, folder, REST; dead letters with reasons; exactly one push per eventId. */
class ShipmentIntakeTest extends ShipmentTestSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void anEventOnTheTopicLeadsToExactlyOneConfirmShipmentWithTheRightBody() {
        String orderId = freshOrder();
        Map<String, Object> event = event(orderId);
        String eventId = (String) event.get("eventId");
        send(orderId, json(event));

        awaitState(eventId, "PUSHED");
        List<JsonNode> confirmations = SANDBOX.amazon().shipmentConfirmations(orderId);
        assertThat(confirmations).hasSize(1);
        JsonNode body = confirmations.get(0);
        assertThat(body.get("marketplaceId").asText()).isEqualTo(IN);
        JsonNode detail = body.get("packageDetail");
        assertThat(detail.get("packageReferenceId").asText()).isEqualTo("1");
        assertThat(detail.get("carrierCode").asText()).isEqualTo("BlueDart");   // from the IN carrier table
        assertThat(detail.get("carrierName").asText()).isEqualTo("Blue Dart");
        assertThat(detail.get("shippingMethod").asText()).isEqualTo("Standard");
        assertThat(detail.get("trackingNumber").asText()).isEqualTo(event.get("trackingNumber"));
        assertThat(detail.get("shipDate").asText()).isEqualTo("2026-11-05T09:00:00.000Z");
        List<Map<String, Object>> items = items(orderId);
        assertThat(detail.get("orderItems")).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(detail.get("orderItems").get(i).get("orderItemId").asText()).isEqualTo(items.get(i).get("marketplace_item_id"));
            assertThat(detail.get("orderItems").get(i).get("quantity").asInt()).isEqualTo(items.get(i).get("quantity"));
        }
        // The sandbox order is shipped now, and the call carried a token but no internal header.
        assertThat(SANDBOX.amazon().order(orderId).at("/fulfillment/fulfillmentStatus").asText()).isEqualTo("SHIPPED");
        var call = SANDBOX.calls().matching("POST", "/orders/v0/orders/" + orderId + "/shipmentConfirmation");
        assertThat(call).hasSize(1);
        assertThat(call.get(0).header("x-amz-access-token")).isNotBlank();
        assertThat(call.get(0).headers().keySet()).noneMatch(h -> h.startsWith("shipment") || h.equals("eventid") || h.equals("accountid"));

        Map<String, Object> row = row(eventId);
        assertThat(row.get("source")).isEqualTo("KAFKA");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("pushed_at")).isNotNull();

        List<ConsumerRecord<String, String>> outcomes = awaitRecords(OUTCOMES, 1, r -> r.value().contains(eventId));
        assertThat(outcomes.get(0).key()).isEqualTo(orderId);
        JsonNode outcome = parse(outcomes.get(0).value());
        assertThat(outcome.get("state").asText()).isEqualTo("PUSHED");
        assertThat(outcome.get("action").asText()).isEqualTo("CONFIRM");
        assertThat(outcome.get("trackingNumber").asText()).isEqualTo(event.get("trackingNumber"));
    }

    @Test
    void theSameEventThreeTimesLeadsToOneCall() {
        String orderId = freshOrder();
        Map<String, Object> event = event(orderId);
        String eventId = (String) event.get("eventId");
        for (int i = 0; i < 3; i++) {
            send(orderId, json(event));
        }
        awaitEventsTopicConsumed();
        awaitState(eventId, "PUSHED");
        // And once more through the API door: the same answer, nothing new.
        var again = api().post("/api/shipments", json(event));
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("state").asText()).isEqualTo("PUSHED");

        assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id = ?", Integer.class, eventId)).isEqualTo(1);
        assertThat(SANDBOX.calls().matching("POST", "/orders/v0/orders/" + orderId + "/shipmentConfirmation")).hasSize(1);
        assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
    }

    @Test
    void badEventsAreDeadLetteredWithTheirReasonsWhileLaterGoodOnesGoThrough() {
        String marker = UUID.randomUUID().toString();
        String goodOrder = freshOrder();
        String fbaOrder = freshOrder();
        // The synced copy says Amazon fulfils this one (AFN).
        jdbc.update("update orders set fulfilled_by = 'MARKETPLACE' where account_id = ? and marketplace_order_id = ?", accountId(), fbaOrder);

        Map<String, Object> missing = event(goodOrder);
        missing.remove("trackingNumber");
        missing.put("note-" + marker, "x");
        Map<String, Object> wrongType = event(goodOrder);
        wrongType.put("items", List.of(Map.of("sku", "X-" + marker, "quantity", "two")));
        Map<String, Object> unknownOrder = event("404-" + marker);
        Map<String, Object> fba = event(fbaOrder);
        Map<String, Object> good = event(goodOrder);

        send(goodOrder, "{\"eventId\": \"" + marker + "\", oops");
        send(goodOrder, json(missing));
        send(goodOrder, json(wrongType));
        send("404-" + marker, json(unknownOrder));
        send(fbaOrder, json(fba));
        send(goodOrder, json(good));

        awaitState((String) good.get("eventId"), "PUSHED");
        List<ConsumerRecord<String, String>> dead = awaitRecords(DLT, 5, r -> r.value().contains(marker)
                || r.value().contains((String) fba.get("eventId")));
        assertThat(dead).hasSize(5);
        Map<String, String> reasons = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : dead) reasons.put(r.value(), header(r, "reason"));
        assertThat(reasons.get("{\"eventId\": \"" + marker + "\", oops")).startsWith("Malformed JSON");
        assertThat(reasons.get(json(missing))).contains("trackingNumber").contains("note-" + marker);
        assertThat(reasons.get(json(wrongType))).contains("$.items[0].quantity").contains("integer");
        assertThat(reasons.get(json(unknownOrder))).contains("Unknown order 404-" + marker);
        assertThat(reasons.get(json(fba))).contains("fulfilled by AMAZON");
        assertThat(dead).allSatisfy(r -> assertThat(r.key()).isNotBlank());

        // Each is kept as a REJECTED row for inspection; none reached Amazon.
        assertThat(jdbc.queryForList("select reject_reason from shipment_event where state = 'REJECTED' and raw_event like ?",
                String.class, "%" + marker + "%")).hasSize(4);
        JsonNode rejected = api().get("/api/shipments/" + fba.get("eventId")).json();
        assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
        // Never tried: no next attempt to show.
        assertThat(rejected.has("nextAttemptAt")).as(rejected.toString()).isFalse();
        assertThat(SANDBOX.amazon().shipmentConfirmations(fbaOrder)).isEmpty();
        assertThat(SANDBOX.amazon().shipmentConfirmations(goodOrder)).hasSize(1);
    }

    @Test
    void theFolderDoorMovesAcceptedFilesToDoneAndRejectedOnesToErrorWithAReason() throws Exception {
        Path inbox = Path.of("target/test-inbox/shipments");
        Files.createDirectories(inbox);
        String orderId = freshOrder();
        Map<String, Object> event = event(orderId);
        String eventId = (String) event.get("eventId");
        String good = "good-" + UUID.randomUUID() + ".json";
        String bad = "bad-" + UUID.randomUUID() + ".json";
        drop(inbox, good, json(event));
        Map<String, Object> unknown = event("171-" + UUID.randomUUID());
        drop(inbox, bad, json(unknown));

        awaitState(eventId, "PUSHED");
        assertThat(row(eventId).get("source")).isEqualTo("FOLDER");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done").resolve(good))
                && Files.exists(inbox.resolve(".error").resolve(bad)));
        assertThat(inbox.resolve(good)).doesNotExist();
        assertThat(inbox.resolve(bad)).doesNotExist();
        assertThat(Files.readString(inbox.resolve(".error").resolve(bad + ".reason"))).contains("Unknown order " + unknown.get("marketplaceOrderId"));
        assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Path tmp = inbox.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void theRestDoorAnswers202WithTheEventIdAndRefusesBadInputWithAReason() {
        String orderId = freshOrder();
        Map<String, Object> event = event(orderId);
        // The account named by marketplace and selling partner id, the items by SKU.
        event.remove("accountId");
        event.put("marketplace", "AMAZON");
        event.put("externalAccountId", sellingPartnerId());
        List<Map<String, Object>> items = items(orderId);
        event.put("items", items.stream().map(i -> Map.of("sku", i.get("sku"), "quantity", i.get("quantity"))).toList());
        String eventId = (String) event.get("eventId");

        var accepted = api().post("/api/shipments", json(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("eventId").asText()).isEqualTo(eventId);
        assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
        awaitState(eventId, "PUSHED");
        var status = api().get("/api/shipments/" + eventId);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("state").asText()).isEqualTo("PUSHED");
        assertThat(status.json().get("source").asText()).isEqualTo("API");
        assertThat(status.json().get("attempts").asInt()).isEqualTo(1);
        assertThat(status.json().get("marketplaceResponse").asText()).startsWith("HTTP 204");
        JsonNode pushed = SANDBOX.amazon().shipmentConfirmations(orderId).get(0).at("/packageDetail/orderItems");
        assertThat(pushed.get(0).get("orderItemId").asText()).isEqualTo(items.get(0).get("marketplace_item_id"));

        var malformed = api().post("/api/shipments", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("Malformed JSON");

        Map<String, Object> noTracking = event(orderId);
        noTracking.remove("trackingNumber");
        var invalid = api().post("/api/shipments", json(noTracking));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asText()).contains("trackingNumber");
        assertThat(api().get("/api/shipments/" + noTracking.get("eventId")).json().get("rejectReason").asText()).contains("trackingNumber");

        Map<String, Object> unknownOrder = event("999-" + UUID.randomUUID());
        var unknown = api().post("/api/shipments", json(unknownOrder));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("detail").asText()).contains("Unknown order");

        Map<String, Object> unknownAccount = event(orderId);
        unknownAccount.put("accountId", 987654321);
        assertThat(api().post("/api/shipments", json(unknownAccount)).json().get("detail").asText()).contains("Unknown account 987654321");

        assertThat(api().postWithoutKey("/api/shipments", json(event(orderId))).status()).isEqualTo(401);
        assertThat(api().get("/api/shipments/no-such-event").status()).isEqualTo(404);
        assertThat(api().get("/api/shipments?state=SOMEDAY").status()).isEqualTo(400);
    }

    /** The store fails (the database refuses the row): 503, no eventId left marked, and the event sent again is accepted. */
    @Test
    void anEventWhoseStoreFailsLeavesNoIdBehindAndIsAcceptedWhenSentAgain() {
        String orderId = freshOrder();
        Map<String, Object> event = event(orderId);
        String eventId = "refused-api-" + UUID.randomUUID();
        event.put("eventId", eventId);
        jdbc.execute("""
                create or replace function refuse_api_event() returns trigger language plpgsql as $$
                begin
                  if new.event_id like 'refused-api-%' then
                    raise exception 'refused by the test';
                  end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger refuse_api_event before insert on shipment_event for each row execute function refuse_api_event()");
        try {
            var refused = api().post("/api/shipments", json(event));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        } finally {
            jdbc.execute("drop trigger refuse_api_event on shipment_event");
        }
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid = ?", Integer.class, eventId))
                .as("the id rolled back with the row").isZero();

        var accepted = api().post("/api/shipments", json(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
        awaitState(eventId, "PUSHED");
        assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
    }

    @Test
    void eachRejectCountsAsADeadLetterOfItsDoor() {
        double before = deadLetters("shipments.api");
        assertThat(api().post("/api/shipments", "{not json").status()).isEqualTo(400);
        assertThat(deadLetters("shipments.api") - before).isEqualTo(1);
    }

    private double deadLetters(String source) {
        Counter counter = registry.find("mc.dead.letters").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }
}
