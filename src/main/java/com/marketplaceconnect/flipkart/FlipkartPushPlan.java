package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.shipments.ShipmentPush;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one claim of the Flipkart self-ship push does (FlipkartPushPlanner, routes/tracking-push-flipkart.yaml):
 * dispatch calls (the due events of one account together), update calls (one event each), and the events refused
 * before any call.
 */
public record FlipkartPushPlan(List<Batch> dispatches, List<Update> updates, List<Refused> refused) {

    /** One Flipkart shipment an event covers: its id, its location, and the event's items in it. */
    public record Shipment(String shipmentId, String locationId, List<JsonNode> items) {
    }

    /** One event: the Flipkart shipments its items belong to, in shipment id order, and the account's seller id. */
    public record Event(ShipmentPush push, String sellerId, List<Shipment> shipments) {
        public List<String> shipmentIds() {
            return shipments.stream().map(Shipment::shipmentId).toList();
        }
    }

    /** One event whose tracking goes out by update calls, one per shipment, and why. */
    public record Update(Event event, String reason) {
        public ShipmentPush push() {
            return event.push();
        }

        public List<Shipment> shipments() {
            return event.shipments();
        }
    }

    /** An event Flipkart cannot take, known before any call: FAILED with the reason. */
    public record Refused(ShipmentPush push, String reason) {
    }

    /**
     * One selfShip/dispatch call: events of one account; each is settled once. The error policy acts on the events not
     * settled yet when the call fails (policy-tracking-push.yaml, pushBatch).
     */
    public static final class Batch {
        private final long accountId;
        private final List<Event> events = new ArrayList<>();
        private final Set<Long> settled = ConcurrentHashMap.newKeySet();

        Batch(long accountId) {
            this.accountId = accountId;
        }

        public long getAccountId() {
            return accountId;
        }

        public List<Event> getEvents() {
            return events;
        }

        /** The event ids, for logs. */
        public String getEventIds() {
            return events.stream().map(e -> e.push().eventId()).toList().toString();
        }

        /** The events not settled yet: what the error policy puts back for a retry, or fails. */
        public List<ShipmentPush> getUnsettled() {
            return events.stream().map(Event::push).filter(p -> !settled.contains(p.id())).toList();
        }

        void settled(ShipmentPush push) {
            settled.add(push.id());
        }

        int shipments() {
            return events.stream().mapToInt(e -> e.shipments().size()).sum();
        }
    }
}
