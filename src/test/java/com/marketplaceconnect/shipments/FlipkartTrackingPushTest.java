package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The self-ship push to Flipkart against the sandbox: one dispatch call per batch with per-shipment outcomes,
 * multi-shipment orders, tracking updates, retries (503, 401), and the Flipkart rules of intake.
 */
class FlipkartTrackingPushTest extends ShipmentTestSupport {
    private static final String DISPATCH = "/sellers/v3/shipments/selfShip/dispatch";
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Set<String> PRE_DISPATCH = Set.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH");
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    private static volatile Long flipkartAccount;
    private static volatile String sellerId;

    @Autowired
    CamelContext camel;

    // --- The seller: generated until it has every kind of order the tests need, connected and synced once ------------

    private static String status(String shipmentId) {
        return SANDBOX.flipkart().shipment(shipmentId).at("/orderItems/0/status").asText();
    }

    private static boolean open(String shipmentId) {
        JsonNode s = SANDBOX.flipkart().shipment(shipmentId);
        return PRE_DISPATCH.contains(status(shipmentId)) && !s.get("hold").asBoolean();
    }

    private static String type(String shipmentId) {
        return SANDBOX.flipkart().shipment(shipmentId).get("shipmentType").asText();
    }

    /** Orders (by id) whose shipments are all open and match {@code wanted} (the shipments' types, in order). */
    private static List<String> orders(Predicate<List<String>> wanted) {
        List<String> result = new ArrayList<>();
        for (String orderId : SANDBOX.flipkart().orderIds(sellerId)) {
            List<String> shipments = SANDBOX.flipkart().shipmentsOfOrder(orderId);
            if (shipments.stream().allMatch(FlipkartTrackingPushTest::open)
                    && wanted.test(shipments.stream().map(FlipkartTrackingPushTest::type).toList())) {
                result.add(orderId);
            }
        }
        return result;
    }

    private static final Predicate<List<String>> ONE_SELF = t -> t.equals(List.of("SELF"));
    private static final Predicate<List<String>> TWO_SELF = t -> t.equals(List.of("SELF", "SELF"));
    private static final Predicate<List<String>> ONE_FLIPKART_LOGISTICS = t -> t.size() == 1 && !t.get(0).equals("SELF");

    private static boolean enough() {
        return orders(ONE_SELF).size() >= 14 && orders(TWO_SELF).size() >= 2 && !orders(ONE_FLIPKART_LOGISTICS).isEmpty()
                && orders(ONE_SELF).stream().anyMatch(o -> SANDBOX.flipkart().shipment(SANDBOX.flipkart().shipmentsOfOrder(o).get(0))
                .get("orderItems").size() == 2);
    }

    long flipkartAccount() {
        if (flipkartAccount != null) return flipkartAccount;
        synchronized (FlipkartTrackingPushTest.class) {
            if (flipkartAccount != null) return flipkartAccount;
            sellerId = "fkpush" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            FlipkartSeller seller = SANDBOX.flipkart().addSeller(sellerId);
            Instant now = CLOCK.instant();
            for (long seed = 1; seed <= 60 && !enough(); seed++) {
                SANDBOX.flipkart().generateShipments(sellerId, 40, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), 7000 + seed);
            }
            assertThat(enough()).as("generated data has every kind of order the tests need").isTrue();
            var connected = api().post("/api/accounts/flipkart", Map.of("sellerId", sellerId, "applicationId", seller.appId(),
                    "applicationSecret", seller.appSecret()));
            assertThat(connected.status()).as(connected.body()).isEqualTo(201);
            long id = connected.json().get("id").asLong();
            var sync = api().post("/api/accounts/" + id + "/sync", Map.of());
            assertThat(sync.status()).as(sync.body()).isEqualTo(202);
            long runId = sync.json().get("runId").asLong();
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    !"RUNNING".equals(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
            assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)).isEqualTo("SUCCEEDED");
            flipkartAccount = id;
            return id;
        }
    }

    /** An order of the wanted shape that no other test has used. */
    String freshFlipkartOrder(Predicate<List<String>> wanted) {
        flipkartAccount();
        for (String orderId : orders(wanted)) {
            if (USED.add(orderId)) return orderId;
        }
        throw new AssertionError("no unused order of that shape left: generate more");
    }

    static String today() {
        return LocalDate.ofInstant(CLOCK.instant(), IST).toString();
    }

    /** A valid Flipkart event for the whole order, shipped now (the sandbox refuses a dispatchDate after today). */
    Map<String, Object> flipkartEvent(String orderId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "fk-" + UUID.randomUUID());
        e.put("accountId", flipkartAccount());
        e.put("marketplaceOrderId", orderId);
        e.put("carrierCode", "BLUEDART");
        e.put("carrierName", "Blue Dart");
        e.put("trackingNumber", "BD" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        e.put("shipDate", OffsetDateTime.ofInstant(CLOCK.instant(), IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        e.put("invoiceNumber", "INV-" + orderId.substring(orderId.length() - 6));
        e.put("invoiceDate", today());
        e.put("expectedDeliveryDate", LocalDate.parse(today()).plusDays(4).toString());
        return e;
    }

    private String accept(Map<String, Object> event) {
        var response = api().post("/api/shipments", json(event));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) event.get("eventId");
    }

    private static List<String> shipmentsOf(String orderId) {
        return SANDBOX.flipkart().shipmentsOfOrder(orderId);
    }

    /** Dispatch calls whose body carries any of the shipments. */
    private static List<RecordedCall> dispatchCalls(String... shipmentIds) {
        return SANDBOX.calls().matching("POST", DISPATCH).stream()
                .filter(c -> c.body() != null && java.util.Arrays.stream(shipmentIds).anyMatch(c.body()::contains)).toList();
    }

    private static JsonNode entry(RecordedCall call, String shipmentId) {
        for (JsonNode e : parse(call.body()).get("shipments")) {
            if (e.get("shipmentId").asText().equals(shipmentId)) return e;
        }
        throw new AssertionError("no entry for " + shipmentId);
    }

    // --- Tests --------------------------------------------------------------------------------------------------------

    @Test
    void anEventOnTheTopicLeadsToOneDispatchCallAndTheShipmentIsShippedWithTheTrackingId() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        JsonNode sandboxShipment = SANDBOX.flipkart().shipment(shipmentId);
        Map<String, Object> event = flipkartEvent(orderId);
        String eventId = (String) event.get("eventId");
        send(orderId, json(event));

        awaitState(eventId, "PUSHED");
        List<RecordedCall> calls = dispatchCalls(shipmentId);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).status()).isEqualTo(200);
        assertThat(calls.get(0).header("authorization")).startsWith("Bearer ");
        assertThat(calls.get(0).headers().keySet()).noneMatch(h -> h.startsWith("shipment") || h.startsWith("flipkart") || h.equals("eventid"));
        JsonNode body = parse(calls.get(0).body());
        assertThat(body.get("shipments")).hasSize(1);
        JsonNode entry = body.get("shipments").get(0);
        assertThat(entry.get("shipmentId").asText()).isEqualTo(shipmentId);
        assertThat(entry.get("dispatchDate").asText()).isEqualTo(today());
        assertThat(entry.get("tentativeDeliveryDate").asText()).isEqualTo(event.get("expectedDeliveryDate"));
        assertThat(entry.get("deliveryPartner").asText()).isEqualTo("Blue Dart");
        assertThat(entry.get("deliveryPartnerCode").asText()).isEqualTo("BLUEDART");
        assertThat(entry.get("trackingId").asText()).isEqualTo(event.get("trackingNumber"));
        assertThat(entry.get("locationId").asText()).isEqualTo(sandboxShipment.get("locationId").asText());
        assertThat(entry.at("/invoice/invoiceNumber").asText()).isEqualTo(event.get("invoiceNumber"));
        assertThat(entry.at("/invoice/invoiceDate").asText()).isEqualTo(today());
        JsonNode invoiceItems = entry.at("/invoice/items");
        assertThat(invoiceItems).hasSize(sandboxShipment.get("orderItems").size());
        for (JsonNode item : sandboxShipment.get("orderItems")) {
            assertThat(invoiceItems.findValuesAsText("orderItemId")).contains(item.get("orderItemId").asText());
        }

        assertThat(status(shipmentId)).isEqualTo("SHIPPED");
        assertThat(SANDBOX.flipkart().dispatchedTrackingId(shipmentId)).isEqualTo(event.get("trackingNumber"));
        assertThat(SANDBOX.flipkart().selfShipRequests(shipmentId)).hasSize(1);
        assertThat(row(eventId).get("attempts")).isEqualTo(1);
        assertThat((String) row(eventId).get("marketplace_response")).contains("SUCCESS");
        JsonNode outcome = parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(eventId)).get(0).value());
        assertThat(outcome.get("marketplace").asText()).isEqualTo("FLIPKART");
        assertThat(outcome.get("state").asText()).isEqualTo("PUSHED");
        assertThat(outcome.get("action").asText()).isEqualTo("CONFIRM");
    }

    @Test
    void severalDueEventsGoOutInOneDispatchCallAndOnlyTheRefusedShipmentsEventFails() throws Exception {
        String a = freshFlipkartOrder(ONE_SELF);
        String b = freshFlipkartOrder(ONE_SELF);
        String cancelled = freshFlipkartOrder(ONE_SELF);
        String sa = shipmentsOf(a).get(0);
        String sb = shipmentsOf(b).get(0);
        String sc = shipmentsOf(cancelled).get(0);
        camel.getRouteController().stopRoute("tracking-push-flipkart-poll");
        String ea;
        String eb;
        String ec;
        try {
            ea = accept(flipkartEvent(a));
            eb = accept(flipkartEvent(b));
            ec = accept(flipkartEvent(cancelled));
            // The buyer cancels after the sync: only Flipkart knows.
            SANDBOX.flipkart().cancel(sc, "buyerCancellation", CLOCK.instant());
        } finally {
            camel.getRouteController().startRoute("tracking-push-flipkart-poll");
        }
        awaitState(ea, "PUSHED");
        awaitState(eb, "PUSHED");
        awaitState(ec, "FAILED");

        List<RecordedCall> calls = dispatchCalls(sa, sb, sc);
        assertThat(calls).hasSize(1);
        assertThat(parse(calls.get(0).body()).get("shipments").findValuesAsText("shipmentId")).containsExactlyInAnyOrder(sa, sb, sc);
        assertThat(status(sa)).isEqualTo("SHIPPED");
        assertThat(status(sb)).isEqualTo("SHIPPED");
        assertThat(row(ec).get("attempts")).isEqualTo(1);
        assertThat((String) row(ec).get("last_error")).contains(sc).contains("SHIPMENT_CANCELLED").contains("is cancelled");
        JsonNode failed = parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(ec)).get(0).value());
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("lastError").asText()).contains("SHIPMENT_CANCELLED");
        assertThat(parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(ea)).get(0).value()).get("state").asText()).isEqualTo("PUSHED");
        assertThat(api().get("/api/shipments/" + ec).json().get("lastError").asText()).contains("is cancelled");
    }

    @Test
    void anEventCoveringTwoShipmentsIsTwoEntriesOfOneCall() {
        String orderId = freshFlipkartOrder(TWO_SELF);
        List<String> shipments = shipmentsOf(orderId);
        Map<String, Object> event = flipkartEvent(orderId);
        String eventId = accept(event);

        awaitState(eventId, "PUSHED");
        List<RecordedCall> calls = dispatchCalls(shipments.toArray(String[]::new));
        assertThat(calls).hasSize(1);
        for (String s : shipments) {
            JsonNode entry = entry(calls.get(0), s);
            List<String> own = SANDBOX.flipkart().shipment(s).get("orderItems").findValuesAsText("orderItemId");
            assertThat(entry.at("/invoice/items").findValuesAsText("orderItemId")).containsExactlyInAnyOrderElementsOf(own);
            assertThat(status(s)).isEqualTo("SHIPPED");
            assertThat(SANDBOX.flipkart().dispatchedTrackingId(s)).isEqualTo(event.get("trackingNumber"));
        }
    }

    @Test
    void whenOneOfAnEventsShipmentsFailsTheEventIsFailedNamingItAndARetryFinishesTheOtherByUpdate() {
        String orderId = freshFlipkartOrder(TWO_SELF);
        List<String> shipments = shipmentsOf(orderId);
        String ok = shipments.get(0);
        String refused = shipments.get(1);
        SANDBOX.flipkart().setHold(refused, true, CLOCK.instant());
        Map<String, Object> event = flipkartEvent(orderId);
        String eventId = accept(event);

        awaitState(eventId, "FAILED");
        String error = (String) row(eventId).get("last_error");
        assertThat(error).contains(refused).contains("SHIPMENT_ON_HOLD").contains("dispatched: " + ok);
        assertThat(error).doesNotContain("shipment " + ok + ":");
        assertThat(status(ok)).isEqualTo("SHIPPED");

        // Flipkart releases the hold; the retry dispatches the other shipment, and the one already dispatched (which
        // Flipkart now refuses to dispatch again) gets the event's tracking by an update.
        SANDBOX.flipkart().setHold(refused, false, CLOCK.instant());
        assertThat(api().post("/api/shipments/" + eventId + "/retry", Map.of()).status()).isEqualTo(202);
        awaitState(eventId, "PUSHED");
        assertThat(status(refused)).isEqualTo("SHIPPED");
        assertThat(SANDBOX.flipkart().dispatchedTrackingId(refused)).isEqualTo(event.get("trackingNumber"));
        List<RecordedCall> updates = SANDBOX.calls().matching("POST", "/sellers/v3/shipments/" + ok + "/update");
        assertThat(updates).hasSize(1);
        assertThat(parse(updates.get(0).body()).get("trackingId").asText()).isEqualTo(event.get("trackingNumber"));
        assertThat(SANDBOX.calls().matching("POST", "/sellers/v3/shipments/" + refused + "/update")).isEmpty();
    }

    @Test
    void aNewTrackingIdForADispatchedShipmentIsOneUpdateCall() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        String firstId = accept(flipkartEvent(orderId));
        awaitState(firstId, "PUSHED");

        Map<String, Object> corrected = flipkartEvent(orderId);
        corrected.put("carrierCode", "DELHIVERY");
        corrected.put("carrierName", "Delhivery");
        String secondId = accept(corrected);
        awaitState(secondId, "PUSHED");

        assertThat(dispatchCalls(shipmentId)).hasSize(1);
        List<RecordedCall> updates = SANDBOX.calls().matching("POST", "/sellers/v3/shipments/" + shipmentId + "/update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).status()).isEqualTo(200);
        JsonNode body = parse(updates.get(0).body());
        assertThat(body.get("shipmentId").asText()).isEqualTo(shipmentId);
        assertThat(body.get("trackingId").asText()).isEqualTo(corrected.get("trackingNumber"));
        assertThat(body.get("sellerId").asText()).isEqualTo(sellerId);
        assertThat(body.get("deliveryPartner").asText()).isEqualTo("Delhivery");
        assertThat(body.get("tentativeDeliveryDate").asText()).isEqualTo(corrected.get("expectedDeliveryDate"));
        assertThat(SANDBOX.flipkart().dispatchedTrackingId(shipmentId)).isEqualTo(corrected.get("trackingNumber"));
        JsonNode outcome = parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(secondId)).get(0).value());
        assertThat(outcome.get("state").asText()).isEqualTo("PUSHED");
        assertThat(outcome.get("action").asText()).isEqualTo("UPDATE");
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedFromTheStoredRowThenPushed() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        SANDBOX.faults().add(FaultRule.status(DISPATCH, 503, 1));
        String eventId = accept(flipkartEvent(orderId));

        awaitState(eventId, "PUSHED");
        assertThat(row(eventId).get("attempts")).isEqualTo(2);
        assertThat(row(eventId).get("last_error")).isNull();
        assertThat(SANDBOX.flipkart().selfShipRequests(shipmentId)).hasSize(1);
        assertThat(status(shipmentId)).isEqualTo("SHIPPED");
    }

    @Test
    void anUpdateFlipkartRefusesIsFailedAtOnceWithItsMessage() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        String firstId = accept(flipkartEvent(orderId));
        awaitState(firstId, "PUSHED");
        // Delivered meanwhile: Flipkart takes no new tracking id for it any more.
        SANDBOX.flipkart().updateShipment(shipmentId, "DELIVERED", CLOCK.instant());
        String secondId = accept(flipkartEvent(orderId));

        awaitState(secondId, "FAILED");
        assertThat(row(secondId).get("attempts")).isEqualTo(1);
        assertThat((String) row(secondId).get("last_error")).contains("HTTP 400");
        assertThat((String) row(secondId).get("marketplace_response")).contains("only be updated for a dispatched shipment");
        assertThat(SANDBOX.calls().matching("POST", "/sellers/v3/shipments/" + shipmentId + "/update")).hasSize(1);
    }

    @Test
    void transientFailuresOfTheDispatchCallEndDeadAfterTheLastAttempt() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        SANDBOX.faults().add(FaultRule.status(DISPATCH, 503, 100));
        String eventId = accept(flipkartEvent(orderId));

        awaitState(eventId, "DEAD");
        assertThat(row(eventId).get("attempts")).isEqualTo(4);   // shipments.push.retry.max-attempts in the tests
        assertThat((String) row(eventId).get("last_error")).contains("4 attempts").contains("HTTP 503");
        assertThat(dispatchCalls(shipmentId)).hasSize(4);
        assertThat(parse(awaitRecords(OUTCOMES, 1, r -> r.value().contains(eventId)).get(0).value()).get("state").asText()).isEqualTo("DEAD");
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheCallGoesThrough() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        SANDBOX.flipkart().expireTokens(sellerId);
        String eventId = accept(flipkartEvent(orderId));

        awaitState(eventId, "PUSHED");
        assertThat(row(eventId).get("attempts")).isEqualTo(1);
        // The same request twice: refused with the expired token, accepted with a new one; one attempt on the row.
        List<RecordedCall> calls = dispatchCalls(shipmentId);
        assertThat(calls).extracting(RecordedCall::status).containsExactly(401, 200);
        assertThat(calls.get(1).header("authorization")).isNotEqualTo(calls.get(0).header("authorization"));
        assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
        assertThat(status(shipmentId)).isEqualTo("SHIPPED");
    }

    @Test
    void theRestDoorTakesAFlipkartEventAndRefusesWhatFlipkartCannotTake() {
        String orderId = freshFlipkartOrder(ONE_SELF);
        String shipmentId = shipmentsOf(orderId).get(0);
        JsonNode sandboxShipment = SANDBOX.flipkart().shipment(shipmentId);
        Map<String, Object> event = flipkartEvent(orderId);
        event.remove("accountId");
        event.put("marketplace", "FLIPKART");
        event.put("externalAccountId", sellerId);
        event.put("marketplaceShipmentId", shipmentId);
        List<Map<String, Object>> items = new ArrayList<>();
        sandboxShipment.get("orderItems").forEach(i -> items.add(Map.of("orderItemId", i.get("orderItemId").asText(), "quantity", i.get("quantity").asInt())));
        event.put("items", items);
        event.put("dispatchLocation", Map.of("locationId", sandboxShipment.get("locationId").asText(),
                "address", Map.of("address1", "Plot 14, KIADB Industrial Area", "city", "Bengaluru", "pincode", "560099")));
        String eventId = (String) event.get("eventId");

        var accepted = api().post("/api/shipments", json(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        awaitState(eventId, "PUSHED");
        JsonNode status = api().get("/api/shipments/" + eventId).json();
        assertThat(status.get("source").asText()).isEqualTo("API");
        assertThat(status.get("marketplace").asText()).isEqualTo("FLIPKART");
        assertThat(status.get("marketplaceResponse").asText()).contains("SUCCESS");
        JsonNode entry = entry(dispatchCalls(shipmentId).get(0), shipmentId);
        assertThat(entry.at("/dispatchLocation/address/city").asText()).isEqualTo("Bengaluru");
        assertThat(SANDBOX.flipkart().dispatchedTrackingId(shipmentId)).isEqualTo(event.get("trackingNumber"));

        // Flipkart's own logistics ship this one: refused at intake, with the reason.
        String logistics = freshFlipkartOrder(ONE_FLIPKART_LOGISTICS);
        var refused = api().post("/api/shipments", json(flipkartEvent(logistics)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).contains("Flipkart's logistics").contains("SELF");

        // Flipkart dispatches a shipment whole: a parcel with part of it is refused.
        String twoItems = orders(ONE_SELF).stream().filter(o -> !USED.contains(o))
                .filter(o -> SANDBOX.flipkart().shipment(shipmentsOf(o).get(0)).get("orderItems").size() == 2).findFirst().orElseThrow();
        JsonNode first = SANDBOX.flipkart().shipment(shipmentsOf(twoItems).get(0)).get("orderItems").get(0);
        Map<String, Object> partial = flipkartEvent(twoItems);
        partial.put("items", List.of(Map.of("orderItemId", first.get("orderItemId").asText(), "quantity", first.get("quantity").asInt())));
        var whole = api().post("/api/shipments", json(partial));
        assertThat(whole.status()).isEqualTo(422);
        assertThat(whole.json().get("detail").asText()).contains("whole");

        Map<String, Object> wrongShipment = flipkartEvent(orderId);
        wrongShipment.put("marketplaceShipmentId", "no-such-shipment");
        var unknown = api().post("/api/shipments", json(wrongShipment));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("detail").asText()).contains("has no shipment no-such-shipment");
    }
}
