package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Batch;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Event;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Shipment;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Update;
import com.marketplaceconnect.shipments.ShipmentOutbox;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.shipments.ShipmentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles Flipkart self-ship events on their outbox rows from what Flipkart answered. selfShip/dispatch answers each
 * shipment inside the HTTP 200 ({@code processingStatus}): an event is PUSHED when every one of its shipments
 * succeeded, else FAILED with Flipkart's errorCode and errorMessage for each shipment that failed (the others are
 * dispatched, and the error says so). A shipment Flipkart reports as already dispatched (an earlier attempt whose
 * answer was lost, a retried event whose other shipment had failed) gets the event's tracking by an update call
 * instead. Failures of a whole call are the error policy's (policy-tracking-push.yaml).
 */
@Component("flipkartPushSettlement")
public class FlipkartPushSettlement {
    static final String ALREADY_DISPATCHED = "SHIPMENT_ALREADY_DISPATCHED";
    private static final Logger log = LoggerFactory.getLogger(FlipkartPushSettlement.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShipmentOutbox outbox;

    public FlipkartPushSettlement(ShipmentOutbox outbox) {
        this.outbox = outbox;
    }

    /** An event settled here, for its outcome message. */
    public record Settled(ShipmentPush push, ShipmentState state) {
    }

    /** A dispatch call's result: the events settled, and those to finish by update calls. */
    public record Dispatched(List<Settled> settled, List<Update> updates) {
    }

    /** An event refused before any call: FAILED with the reason. */
    public Settled refused(FlipkartPushPlan.Refused refused) {
        outbox.settle(refused.push(), ShipmentState.FAILED, refused.reason(), null);
        log.warn("Shipment event {} is FAILED: {}", refused.push().eventId(), refused.reason());
        return new Settled(refused.push(), ShipmentState.FAILED);
    }

    /** After the dispatch call's 200: each event of the batch from its shipments' processingStatus. */
    public Dispatched dispatched(Batch batch, String answerText) throws IOException {
        JsonNode answer = answerText == null || answerText.isBlank() ? null : JSON.readTree(answerText);
        if (answer == null || !answer.path("shipments").isArray()) {
            throw new MalformedMarketplaceResponseException("selfShip/dispatch answered without a shipments array");
        }
        Map<String, JsonNode> results = new HashMap<>();
        answer.get("shipments").forEach(r -> results.put(r.path("shipmentId").asText(), r));
        List<Settled> settled = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        for (Event event : batch.getEvents()) {
            ArrayNode mine = JSON.createArrayNode();
            List<String> failures = new ArrayList<>();
            List<String> succeeded = new ArrayList<>();
            List<Shipment> alreadyDispatched = new ArrayList<>();
            for (Shipment shipment : event.shipments()) {
                String id = shipment.shipmentId();
                JsonNode r = results.get(id);
                if (r == null) {
                    failures.add("shipment " + id + ": Flipkart's answer did not mention it");
                    continue;
                }
                mine.add(r);
                if ("SUCCESS".equals(r.path("processingStatus").asText())) {
                    succeeded.add(id);
                } else if (ALREADY_DISPATCHED.equals(r.path("errorCode").asText())) {
                    alreadyDispatched.add(shipment);
                } else {
                    failures.add("shipment " + id + ": " + r.path("errorCode").asText("FAILURE") + " " + r.path("errorMessage").asText(""));
                }
            }
            String response = "HTTP 200 selfShip/dispatch " + mine;
            ShipmentPush push = event.push();
            if (!failures.isEmpty()) {
                String error = "Flipkart refused " + String.join("; ", failures).trim()
                        + (succeeded.isEmpty() ? "" : " (dispatched: " + String.join(", ", succeeded) + ")");
                outbox.settle(push, ShipmentState.FAILED, error, response);
                log.warn("Shipment event {} is FAILED: {}", push.eventId(), error);
                settled.add(new Settled(push, ShipmentState.FAILED));
            } else if (!alreadyDispatched.isEmpty()) {
                updates.add(new Update(new Event(push, event.sellerId(), List.copyOf(alreadyDispatched)),
                        "Flipkart reported them already dispatched"));
            } else {
                outbox.settle(push, ShipmentState.PUSHED, null, response);
                log.info("Shipment event {} pushed to FLIPKART (order {}, shipments {}, attempt {})", push.eventId(),
                        push.marketplaceOrderId(), succeeded, push.attempts());
                settled.add(new Settled(push, ShipmentState.PUSHED));
            }
            batch.settled(push);
        }
        return new Dispatched(settled, updates);
    }

    /** Every shipment of the event took the new tracking id: PUSHED. */
    public Settled updated(Update update) {
        ShipmentPush push = update.push();
        outbox.settle(push, ShipmentState.PUSHED, null, "HTTP 2xx tracking updated for shipments " + update.event().shipmentIds());
        log.info("Shipment event {} pushed to FLIPKART as a tracking update of shipments {} ({}; order {}, attempt {})", push.eventId(),
                update.event().shipmentIds(), update.reason(), push.marketplaceOrderId(), push.attempts());
        return new Settled(push, ShipmentState.PUSHED);
    }
}
