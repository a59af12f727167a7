package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.shipments.PermanentPushException;
import com.marketplaceconnect.shipments.ShipmentExchange;
import com.marketplaceconnect.shipments.ShipmentOutbox;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.shipments.ShipmentState;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Flipkart self-ship push (routes/tracking-push-flipkart.yaml). Claimed events are mapped to the Flipkart
 * shipments their items belong to ({@code order_item.shipment_id}); an event is one dispatch entry per shipment.
 * <ul>
 * <li>New tracking: {@code POST /v3/shipments/selfShip/dispatch}, the due events of one account together, at most
 * {@code shipments.flipkart.dispatch-batch-size} (≤ 100) shipments a call. Flipkart answers each shipment inside the
 * HTTP 200 ({@code processingStatus}); an event is PUSHED when every one of its shipments succeeded, else FAILED
 * with Flipkart's errorCode and errorMessage for each shipment that failed (the others are dispatched, and the
 * error says so).</li>
 * <li>A shipment Flipkart reports as already dispatched (an earlier attempt whose answer was lost, a retried event
 * whose other shipment had failed) gets the event's tracking by {@code POST /v3/shipments/{id}/update} instead.</li>
 * <li>An event with the same items as an earlier PUSHED one of the order (an update of that package): one update
 * call per shipment with the new tracking id.</li>
 * </ul>
 * Transient failures and refusals of a whole call are the error policy's (policy-tracking-push.yaml).
 */
@Component("flipkartSelfShip")
public class FlipkartSelfShip {
    public static final String BATCH = "flipkartBatch";
    public static final String UPDATE = "flipkartUpdate";
    public static final String UPDATE_SHIPMENT = "flipkartUpdateShipment";
    public static final String ALREADY_DISPATCHED = "flipkartAlreadyDispatched";
    static final String DISPATCH_PATH = "/v3/shipments/selfShip/dispatch";
    static final String ALREADY_DISPATCHED_CODE = "SHIPMENT_ALREADY_DISPATCHED";
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Logger log = LoggerFactory.getLogger(FlipkartSelfShip.class);

    private final JdbcTemplate jdbc;
    private final ShipmentOutbox outbox;
    private final FlipkartPushSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    public FlipkartSelfShip(JdbcTemplate jdbc, ShipmentOutbox outbox, FlipkartPushSettings settings) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
    }

    /** An event settled here, for its outcome message. */
    public record Settled(ShipmentPush push, ShipmentState state) {
    }

    /** One event's shipments: the dispatch entries (or update targets) in shipment id order. */
    public record Planned(ShipmentPush push, List<ObjectNode> entries) {
        List<String> shipmentIds() {
            return entries.stream().map(e -> e.get("shipmentId").asText()).toList();
        }
    }

    /** One event whose tracking goes out by update calls, one per shipment. */
    public record Update(ShipmentPush push, String sellerId, List<ObjectNode> entries, String reason) {
    }

    /** What one poll does: dispatch calls, update calls, and events refused before any call. */
    public static final class Plan {
        private final List<Batch> dispatches = new ArrayList<>();
        private final List<Update> updates = new ArrayList<>();
        private final List<Settled> failed = new ArrayList<>();

        public List<Batch> getDispatches() {
            return dispatches;
        }

        public List<Update> getUpdates() {
            return updates;
        }

        public List<Settled> getFailed() {
            return failed;
        }
    }

    /** One selfShip/dispatch call: events of one account; each event is settled once. */
    public static final class Batch {
        private final long accountId;
        private final List<Planned> events = new ArrayList<>();
        private final Set<Long> settled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private String body;

        Batch(long accountId) {
            this.accountId = accountId;
        }

        int size() {
            return events.stream().mapToInt(p -> p.entries().size()).sum();
        }

        /** The events not settled yet: what the error policy puts back for a retry, or fails. */
        public List<ShipmentPush> getUnsettled() {
            return events.stream().map(Planned::push).filter(p -> !settled.contains(p.id())).toList();
        }

        public long getAccountId() {
            return accountId;
        }
    }

    // --- Planning -------------------------------------------------------------------------------------------------

    /** Poll step: the claimed Flipkart rows (body) → a {@link Plan}. */
    public Plan plan(List<ShipmentPush> pushes) {
        Plan plan = new Plan();
        Map<Long, List<Planned>> byAccount = new LinkedHashMap<>();
        Map<Long, String> sellers = new HashMap<>();
        for (ShipmentPush push : pushes) {
            try {
                List<ObjectNode> entries = entries(push);
                if (push.update()) {
                    String seller = sellers.computeIfAbsent(push.accountId(), this::sellerId);
                    plan.updates.add(new Update(push, seller, entries, "a new tracking id for a dispatched package"));
                } else {
                    byAccount.computeIfAbsent(push.accountId(), k -> new ArrayList<>()).add(new Planned(push, entries));
                }
            } catch (PermanentPushException e) {
                outbox.settle(push, ShipmentState.FAILED, e.getMessage(), null);
                log.warn("Shipment event {} is FAILED: {}", push.eventId(), e.getMessage());
                plan.failed.add(new Settled(push, ShipmentState.FAILED));
            }
        }
        for (var e : byAccount.entrySet()) {
            Batch batch = new Batch(e.getKey());
            for (Planned p : e.getValue()) {
                if (!batch.events.isEmpty() && batch.size() + p.entries().size() > settings.dispatchBatchSize()) {
                    plan.dispatches.add(batch);
                    batch = new Batch(e.getKey());
                }
                batch.events.add(p);
            }
            plan.dispatches.add(batch);
        }
        return plan;
    }

    private record ItemRow(String shipmentId, String locationId, String shipmentType) {
    }

    /** The event's dispatch entries, one per Flipkart shipment its items belong to. */
    List<ObjectNode> entries(ShipmentPush push) {
        Map<String, ItemRow> rows = new HashMap<>();
        jdbc.query("select marketplace_item_id, shipment_id, location_id, shipment_type from order_item where order_id = ?",
                rs -> {
                    rows.put(rs.getString(1), new ItemRow(rs.getString(2), rs.getString(3), rs.getString(4)));
                }, push.orderId());
        Map<String, List<JsonNode>> byShipment = new TreeMap<>();
        Map<String, ItemRow> shipments = new HashMap<>();
        for (JsonNode item : push.items()) {
            String itemId = item.path("orderItemId").asText();
            ItemRow row = rows.get(itemId);
            if (row == null || row.shipmentId() == null) {
                throw new PermanentPushException("Order item " + itemId + " of order " + push.marketplaceOrderId()
                        + " has no Flipkart shipment id: sync the account again");
            }
            if (!"SELF".equals(row.shipmentType())) {
                throw new PermanentPushException("Shipment " + row.shipmentId() + " of order " + push.marketplaceOrderId()
                        + " is of type " + row.shipmentType() + ": Flipkart's logistics ship it, only self-ship (SELF) shipments take a tracking push");
            }
            byShipment.computeIfAbsent(row.shipmentId(), k -> new ArrayList<>()).add(item);
            shipments.put(row.shipmentId(), row);
        }
        JsonNode event = push.event();
        LocalDate dispatchDate = OffsetDateTime.parse(event.get("shipDate").asText()).atZoneSameInstant(IST).toLocalDate();
        String tentative = event.hasNonNull("expectedDeliveryDate") ? event.get("expectedDeliveryDate").asText()
                : dispatchDate.plusDays(settings.defaultDeliveryDays()).toString();
        String carrierCode = event.get("carrierCode").asText();
        List<ObjectNode> entries = new ArrayList<>();
        for (var e : byShipment.entrySet()) {
            ObjectNode entry = json.createObjectNode();
            entry.put("shipmentId", e.getKey());
            entry.put("dispatchDate", dispatchDate.toString());
            entry.put("tentativeDeliveryDate", tentative);
            entry.put("deliveryPartner", event.path("carrierName").asText(carrierCode));
            entry.put("deliveryPartnerCode", settings.deliveryPartnerCode(carrierCode));
            entry.put("trackingId", event.get("trackingNumber").asText());
            ObjectNode invoice = entry.putObject("invoice");
            if (event.hasNonNull("invoiceNumber")) invoice.put("invoiceNumber", event.get("invoiceNumber").asText());
            invoice.put("invoiceDate", event.hasNonNull("invoiceDate") ? event.get("invoiceDate").asText() : dispatchDate.toString());
            ArrayNode items = invoice.putArray("items");
            e.getValue().forEach(i -> items.addObject().put("orderItemId", i.get("orderItemId").asText()).put("quantity", i.get("quantity").asInt()));
            String locationId = event.path("dispatchLocation").path("locationId").asText(shipments.get(e.getKey()).locationId());
            if (locationId != null) entry.put("locationId", locationId);
            if (event.has("dispatchLocation")) entry.set("dispatchLocation", event.get("dispatchLocation").deepCopy());
            entries.add(entry);
        }
        return entries;
    }

    private String sellerId(long accountId) {
        return jdbc.queryForObject("select external_account_id from seller_account where id = ?", String.class, accountId);
    }

    // --- The dispatch call ----------------------------------------------------------------------------------------

    /** Batch route step: the batch (body) becomes the exchange's; the request body is built once. */
    public void startBatch(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        Batch batch = exchange.getMessage().getMandatoryBody(Batch.class);
        ObjectNode body = json.createObjectNode();
        ArrayNode shipments = body.putArray("shipments");
        batch.events.forEach(p -> p.entries().forEach(shipments::add));
        batch.body = json.writeValueAsString(body);
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(ShipmentExchange.ACCOUNT_ID, batch.accountId);
        exchange.setProperty(ShipmentExchange.EVENT_ID, batch.events.stream().map(p -> p.push().eventId()).toList().toString());
    }

    /** Call step (after the token): POST /v3/shipments/selfShip/dispatch with the batch. */
    public void prepareDispatch(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, DISPATCH_PATH);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setBody(batch.body);
    }

    /**
     * Batch route step after the 200: each event settled from its shipments' processingStatus. Body afterwards: the
     * settled events (outcomes to publish); property {@link #ALREADY_DISPATCHED}: events to finish by update calls.
     */
    public void dispatched(Exchange exchange) throws IOException {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        String text = exchange.getMessage().getBody(String.class);
        JsonNode answer = text == null || text.isBlank() ? null : json.readTree(text);
        if (answer == null || !answer.path("shipments").isArray()) {
            throw new MalformedMarketplaceResponseException("selfShip/dispatch answered without a shipments array");
        }
        Map<String, JsonNode> results = new HashMap<>();
        answer.get("shipments").forEach(r -> results.put(r.path("shipmentId").asText(), r));
        List<Settled> settled = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        String sellerId = null;
        for (Planned p : batch.events) {
            ArrayNode mine = json.createArrayNode();
            List<String> failures = new ArrayList<>();
            List<String> succeeded = new ArrayList<>();
            List<ObjectNode> alreadyDispatched = new ArrayList<>();
            for (ObjectNode entry : p.entries()) {
                String id = entry.get("shipmentId").asText();
                JsonNode r = results.get(id);
                if (r == null) {
                    failures.add("shipment " + id + ": Flipkart's answer did not mention it");
                    continue;
                }
                mine.add(r);
                if ("SUCCESS".equals(r.path("processingStatus").asText())) {
                    succeeded.add(id);
                } else if (ALREADY_DISPATCHED_CODE.equals(r.path("errorCode").asText())) {
                    alreadyDispatched.add(entry);
                } else {
                    failures.add("shipment " + id + ": " + r.path("errorCode").asText("FAILURE") + " " + r.path("errorMessage").asText(""));
                }
            }
            String response = "HTTP 200 selfShip/dispatch " + mine;
            ShipmentPush push = p.push();
            if (!failures.isEmpty()) {
                String error = "Flipkart refused " + String.join("; ", failures).trim()
                        + (succeeded.isEmpty() ? "" : " (dispatched: " + String.join(", ", succeeded) + ")");
                outbox.settle(push, ShipmentState.FAILED, error, response);
                log.warn("Shipment event {} is FAILED: {}", push.eventId(), error);
                settled.add(new Settled(push, ShipmentState.FAILED));
            } else if (!alreadyDispatched.isEmpty()) {
                if (sellerId == null) sellerId = sellerId(batch.accountId);
                updates.add(new Update(push, sellerId, alreadyDispatched, "Flipkart reported them already dispatched"));
            } else {
                outbox.settle(push, ShipmentState.PUSHED, null, response);
                log.info("Shipment event {} pushed to FLIPKART (order {}, shipments {}, attempt {})", push.eventId(),
                        push.marketplaceOrderId(), succeeded, push.attempts());
                settled.add(new Settled(push, ShipmentState.PUSHED));
            }
            batch.settled.add(push.id());
        }
        exchange.setProperty(ALREADY_DISPATCHED, updates);
        exchange.getMessage().setBody(settled);
    }

    /** Step before publishing one settled event's outcome: body {@link Settled} → the properties the outcome reads. */
    public void outcomeOf(Exchange exchange) {
        Settled s = exchange.getMessage().getBody(Settled.class);
        exchange.setProperty(ShipmentExchange.PUSH, s.push());
        exchange.setProperty(ShipmentExchange.EVENT_ID, s.push().eventId());
        exchange.setProperty(ShipmentExchange.STATE, s.state().name());
    }

    // --- Update calls ---------------------------------------------------------------------------------------------

    /** Update route step: one event (body {@link Update}); its shipments are updated one by one. */
    public void startUpdate(Exchange exchange) {
        Update update = exchange.getMessage().getBody(Update.class);
        ShipmentPush push = update.push();
        exchange.setProperty(ShipmentExchange.PUSH, push);
        exchange.setProperty(ShipmentExchange.EVENT_ID, push.eventId());
        exchange.setProperty(ShipmentExchange.ACCOUNT_ID, push.accountId());
        exchange.setProperty(ShipmentExchange.MARKETPLACE_ORDER_ID, push.marketplaceOrderId());
        exchange.setProperty(UPDATE, update);
        Deque<ObjectNode> queue = new ArrayDeque<>(update.entries());
        exchange.setProperty(UPDATE + "Queue", queue);
        exchange.setProperty(UPDATE_SHIPMENT, queue.poll());
        log.info("Shipment event {}: tracking update of shipments {} ({})", push.eventId(),
                update.entries().stream().map(e -> e.get("shipmentId").asText()).toList(), update.reason());
    }

    /** Call step (after the token): POST /v3/shipments/{id}/update with the new tracking id. */
    public void prepareUpdate(Exchange exchange) {
        Update update = exchange.getProperty(UPDATE, Update.class);
        ObjectNode entry = exchange.getProperty(UPDATE_SHIPMENT, ObjectNode.class);
        String shipmentId = entry.get("shipmentId").asText();
        ObjectNode body = json.createObjectNode();
        body.put("shipmentId", shipmentId);
        body.put("trackingId", entry.get("trackingId").asText());
        body.put("sellerId", update.sellerId());
        body.put("deliveryPartner", entry.get("deliveryPartner").asText());
        body.put("tentativeDeliveryDate", entry.get("tentativeDeliveryDate").asText());
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/v3/shipments/" + URLEncoder.encode(shipmentId, StandardCharsets.UTF_8) + "/update");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setBody(body.toString());
    }

    /** Update route step after a 2xx: the next shipment, or none. */
    @SuppressWarnings("unchecked")
    public void updated(Exchange exchange) {
        ObjectNode done = exchange.getProperty(UPDATE_SHIPMENT, ObjectNode.class);
        Set<String> ids = exchange.getProperty(UPDATE + "Done", Set.class);
        if (ids == null) {
            ids = new LinkedHashSet<>();
            exchange.setProperty(UPDATE + "Done", ids);
        }
        ids.add(done.get("shipmentId").asText());
        exchange.setProperty(UPDATE_SHIPMENT, exchange.getProperty(UPDATE + "Queue", Deque.class).poll());
    }

    /** Update route step once every shipment took the new tracking id: PUSHED. */
    public void finishUpdate(Exchange exchange) {
        Update update = exchange.getProperty(UPDATE, Update.class);
        ShipmentPush push = update.push();
        String response = "HTTP " + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, "200", String.class)
                + " tracking updated for shipments " + exchange.getProperty(UPDATE + "Done", Set.class);
        outbox.settle(push, ShipmentState.PUSHED, null, response);
        exchange.setProperty(ShipmentExchange.STATE, ShipmentState.PUSHED.name());
        log.info("Shipment event {} pushed to FLIPKART as a tracking update (order {}, attempt {})", push.eventId(),
                push.marketplaceOrderId(), push.attempts());
    }
}
