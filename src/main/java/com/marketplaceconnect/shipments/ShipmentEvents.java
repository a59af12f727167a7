package com.marketplaceconnect.shipments;

import com.marketplaceconnect.operations.OperationsMetrics;
import com.marketplaceconnect.shipments.ShipmentLookups.Account;
import com.marketplaceconnect.shipments.ShipmentLookups.Order;
import com.marketplaceconnect.shipments.OrderItem;
import com.marketplaceconnect.shipments.ShipmentLookups.OrderWithItems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.marketplaceconnect.shipments.ShipmentExchange.*;

/**
 * The intake's checks and its outbox insert. {@link #validate} parses the event, checks it against
 * schemas/shipment-event.schema.json, resolves the account, the synced order and the parcel's items, and throws
 * {@link ShipmentRejectedException} with a clear reason when any of it fails. {@link #store} writes the PENDING row
 * (inside the intake's transaction); {@link #reject} keeps rejected input as a REJECTED row. For a Kafka batch,
 * {@link #lookUpBatch} reads the accounts and orders of all its events first, and {@link #storeBatch} stores the
 * accepted ones together.
 */
@Component("shipmentEvents")
public class ShipmentEvents {
    public static final String SCHEMA = "/schemas/shipment-event.schema.json";
    private static final Logger log = LoggerFactory.getLogger(ShipmentEvents.class);
    private static final int MAX_RAW_CHARS = 100_000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema schema;
    /** Each marketplace's own shipment rules (ShipmentRules beans of the connectors), by marketplace name. */
    private final Map<String, ShipmentRules> rules = new java.util.HashMap<>();
    private static final ShipmentRules NO_RULES = () -> null;

    /** A ship date before this is a typo or a default value, not a parcel (Amazon and Flipkart did not exist). */
    static final java.time.Instant EARLIEST_SHIP_DATE = java.time.Instant.parse("2000-01-01T00:00:00Z");
    /** How far in the future a ship date may lie (time zones, a label printed for tomorrow's pickup). */
    static final java.time.Duration LATEST_SHIP_DATE_AHEAD = java.time.Duration.ofDays(2);

    private final java.time.Clock clock;
    private final OperationsMetrics metrics;

    public ShipmentEvents(JdbcTemplate jdbc, java.time.Clock clock, OperationsMetrics metrics, List<ShipmentRules> rules)
            throws IOException {
        this.jdbc = jdbc;
        rules.forEach(r -> this.rules.put(r.marketplace(), r));
        this.clock = clock;
        this.metrics = metrics;
        try (InputStream in = ShipmentEvents.class.getResourceAsStream(SCHEMA)) {
            if (in == null) throw new IllegalStateException("missing " + SCHEMA);
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build());
        }
    }

    /** Route step: the raw event (property rawShipmentEvent) checked and resolved into exchange properties. */
    public void validate(Exchange exchange) {
        String raw = exchange.getProperty(RAW_EVENT, String.class);
        JsonNode event = parse(raw);
        checkNoNulCharacter(event);
        if (event.path("eventId").isTextual()) {
            exchange.setProperty(EVENT_ID, event.get("eventId").asText());
        }
        checkSchema(event);
        checkDates(event);

        // A Kafka batch's accounts, orders and items were read for all its events at once (lookUpBatch).
        ShipmentLookups lookups = exchange.getProperty(LOOKUPS, ShipmentLookups.class);
        if (lookups == null) {
            lookups = new ShipmentLookups(jdbc);
        }
        Account account = lookups.account(event);
        exchange.setProperty(ACCOUNT_ID, account.id());
        exchange.setProperty(MARKETPLACE, account.marketplace());
        String orderId = event.get("marketplaceOrderId").asText();
        exchange.setProperty(MARKETPLACE_ORDER_ID, orderId);
        OrderWithItems found = lookups.order(account.id(), orderId)
                .orElseThrow(() -> new ShipmentRejectedException(422, "marketplaceOrderId", "Unknown order " + orderId
                        + " of account " + account.id() + ": no such order has been synced (yet) from " + account.marketplace()));
        Order order = found.order();
        List<OrderItem> allItems = found.items();
        if ("MARKETPLACE".equals(order.fulfilledBy())) {
            throw new ShipmentRejectedException(422, "marketplaceOrderId", "Order " + orderId + " is fulfilled by "
                    + account.marketplace() + " (FBA/AFN): the marketplace ships it and reports its tracking itself");
        }
        if ("CANCELLED".equals(order.status())) {
            throw new ShipmentRejectedException(422, "marketplaceOrderId", "Order " + orderId + " is cancelled: it cannot be shipped");
        }
        ShipmentRules marketplaceRules = rules.getOrDefault(account.marketplace(), NO_RULES);
        List<OrderItem> orderItems = marketplaceRules.shippable(event, orderId, allItems);
        ArrayNode items = items(orderItems, event.get("items"), marketplaceRules);
        marketplaceRules.checkParcel(orderId, orderItems, items);
        exchange.setProperty(ACCEPTED, new AcceptedShipment(exchange.getProperty(EVENT_ID, String.class),
                exchange.getProperty(SOURCE, String.class), account.id(), account.marketplace(), order.id(), orderId,
                items.toString(), packageKey(items), raw));
    }

    /**
     * Route step before a Kafka batch's split (body: the batch's record exchanges): reads the accounts, orders and
     * items all its events name, in two queries, for validate to use (property shipmentLookups). Values that are not
     * JSON objects are passed over here; validate rejects them with their reason.
     */
    public void lookUpBatch(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        List<?> records = exchange.getMessage().getMandatoryBody(List.class);
        List<JsonNode> events = new ArrayList<>(records.size());
        for (Object record : records) {
            Object value = ((Exchange) record).getMessage().getBody();
            if (value instanceof String text && !text.isBlank()) {
                try {
                    JsonNode node = json.readTree(text);
                    if (node != null && node.isObject()) events.add(node);
                } catch (JsonProcessingException unreadable) {
                    // validate() rejects it with its reason.
                }
            }
        }
        ShipmentLookups lookups = new ShipmentLookups(jdbc);
        lookups.preload(events);
        exchange.setProperty(LOOKUPS, lookups);
    }

    private JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ShipmentRejectedException(400, null, "Malformed JSON: the event is empty");
        }
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new ShipmentRejectedException(400, null, "Malformed JSON: a shipment event is a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ShipmentRejectedException(400, null, "Malformed JSON: " + e.getOriginalMessage() + where);
        }
    }

    /**
     * PostgreSQL cannot store U+0000 in text or jsonb: such an event would fail its insert on every delivery (on the
     * topic: the same record re-read for ever, blocking its partition). It is the event's fault, so it is rejected.
     */
    private static void checkNoNulCharacter(JsonNode node) {
        String where = nulAt(node, "$");
        if (where != null) {
            throw new ShipmentRejectedException(400, where, "Invalid shipment event: " + where
                    + " contains the NUL character (U+0000), which no field may contain");
        }
    }

    private static String nulAt(JsonNode node, String path) {
        if (node.isTextual()) return node.textValue().indexOf('\u0000') >= 0 ? path : null;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulAt(node.get(i), path + "[" + i + "]");
                if (found != null) return found;
            }
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String name = field.getKey().replace("\u0000", "\\u0000");
                if (!name.equals(field.getKey())) return path + "." + name;
                String found = nulAt(field.getValue(), path + "." + name);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static String withoutNul(String s) {
        return s == null ? null : s.replace("\u0000", "");
    }

    private void checkSchema(JsonNode event) {
        Set<ValidationMessage> errors = schema.validate(event);
        if (errors.isEmpty()) return;
        List<ValidationMessage> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ValidationMessage::getMessage));
        List<String> reasons = new ArrayList<>();
        String field = null;
        for (ValidationMessage m : sorted) {
            String reason = "anyOf".equals(m.getType()) && m.getInstanceLocation().getNameCount() == 0
                    ? "$: name the account, with accountId or with marketplace and externalAccountId"
                    : "anyOf".equals(m.getType()) ? m.getInstanceLocation() + ": name the item with orderItemId or sku"
                    : m.getMessage();
            if (!reasons.contains(reason)) reasons.add(reason);
            if (field == null) {
                field = m.getProperty() != null ? m.getProperty() : m.getInstanceLocation().toString();
            }
        }
        throw new ShipmentRejectedException(400, field, "Invalid shipment event: " + String.join("; ", reasons));
    }

    private void checkDates(JsonNode event) {
        // The schema checks the format; Amazon needs the offset too, which RFC 3339 makes mandatory anyway.
        java.time.Instant shipDate;
        try {
            shipDate = OffsetDateTime.parse(event.get("shipDate").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ShipmentRejectedException(400, "shipDate", "Invalid shipment event: shipDate must be an ISO 8601 "
                    + "date-time with an offset, e.g. 2026-11-05T14:30:00+05:30");
        }
        // A well-formed but absurd date (0001-01-01, 1970, 2999) would be pushed as the parcel's ship date.
        if (shipDate.isBefore(EARLIEST_SHIP_DATE) || shipDate.isAfter(clock.instant().plus(LATEST_SHIP_DATE_AHEAD))) {
            throw new ShipmentRejectedException(400, "shipDate", "Invalid shipment event: shipDate " + event.get("shipDate").asText()
                    + " is not a plausible ship date (from 2000-01-01 to " + LATEST_SHIP_DATE_AHEAD.toDays() + " days from now)");
        }
    }

    /**
     * The parcel's content as [{orderItemId, sku, quantity}]: named items by id or SKU, or every item in full (for
     * some marketplaces every item their rules do not leave out).
     */
    private ArrayNode items(List<OrderItem> orderItems, JsonNode requested, ShipmentRules marketplaceRules) {
        ArrayNode result = json.createArrayNode();
        if (requested == null) {
            for (OrderItem item : orderItems) {
                if (marketplaceRules.leftOutOfWholeOrder(item)) continue;
                result.addObject().put("orderItemId", item.orderItemId()).put("sku", item.sku()).put("quantity", item.quantity());
            }
            if (result.isEmpty()) {
                throw new ShipmentRejectedException(422, "items", "The synced order has no items to ship");
            }
            return result;
        }
        Map<String, Long> quantities = new java.util.LinkedHashMap<>();
        Map<String, OrderItem> byId = new java.util.HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            JsonNode r = requested.get(i);
            String path = "items[" + i + "]";
            OrderItem match = orderItems.stream()
                    .filter(it -> r.has("orderItemId") ? r.get("orderItemId").asText().equals(it.orderItemId())
                            : r.get("sku").asText().equals(it.sku()))
                    .findFirst()
                    .orElseThrow(() -> new ShipmentRejectedException(422, path, "The order has no item "
                            + (r.has("orderItemId") ? "with orderItemId " + r.get("orderItemId").asText() : "with SKU " + r.get("sku").asText())));
            byId.put(match.orderItemId(), match);
            // asInt() would wrap 4294967297 to 1, and an int sum of two big lines could go negative: count in long.
            if (!r.get("quantity").canConvertToLong()) {
                throw new ShipmentRejectedException(400, path + ".quantity", "Invalid shipment event: $." + path + ".quantity is too large");
            }
            quantities.merge(match.orderItemId(), r.get("quantity").asLong(), ShipmentEvents::saturatedSum);
        }
        for (var e : quantities.entrySet()) {
            OrderItem item = byId.get(e.getKey());
            if (e.getValue() > item.quantity()) {
                throw new ShipmentRejectedException(422, "items", "Quantity " + e.getValue() + " of item " + e.getKey()
                        + " is more than the " + item.quantity() + " ordered");
            }
            result.addObject().put("orderItemId", item.orderItemId()).put("sku", item.sku()).put("quantity", e.getValue().intValue());
        }
        return result;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Same content, same package: a later event with the same items updates that package's tracking. */
    private static String packageKey(ArrayNode items) {
        List<String> parts = new ArrayList<>();
        items.forEach(i -> parts.add(i.get("orderItemId").asText() + "x" + i.get("quantity").asInt()));
        parts.sort(null);
        return String.join(",", parts);
    }

    /** An event that passed every check, as validate left it: what its outbox row is made of. */
    record AcceptedShipment(String eventId, String source, long accountId, String marketplace, long orderId,
                            String marketplaceOrderId, String items, String packageKey, String raw) {
    }

    private record Stored(long id, String eventId, long packageReference) {
    }

    /**
     * Route step inside the intake transaction, after the idempotent consumer (folder and API doors, one event): the
     * PENDING outbox row. A race on the eventId ends at the outbox's unique index: the event counts as a duplicate.
     */
    public void store(Exchange exchange) {
        AcceptedShipment event = exchange.getProperty(ACCEPTED, AcceptedShipment.class);
        List<Stored> stored = insert(List.of(event));
        if (stored.isEmpty()) {
            exchange.setProperty(DUPLICATE, true);
            return;
        }
        exchange.setProperty(SHIPMENT_ID, stored.get(0).id());
        log.info("Shipment event {} accepted from {}: order {}, package {}", event.eventId(), event.source(),
                event.marketplaceOrderId(), stored.get(0).packageReference());
    }

    /**
     * Route step inside a Kafka batch's transaction, after its split (property shipmentsAccepted: the events that
     * passed their checks, in the batch's order): each eventId once, in one statement on the idempotent consumer's
     * repository (table camel_messageprocessed, processor shipment-intake), then the PENDING rows of the new ones.
     */
    public void storeBatch(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<AcceptedShipment> accepted = exchange.getProperty(ACCEPTED_BATCH, List.class);
        if (accepted == null || accepted.isEmpty()) return;
        Map<String, AcceptedShipment> byId = new java.util.LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (AcceptedShipment event : accepted) {
            if (byId.putIfAbsent(event.eventId(), event) != null) duplicates.add(event.eventId());
        }
        Set<String> fresh = new java.util.HashSet<>(jdbc.queryForList("""
                insert into camel_messageprocessed (processorname, messageid, createdat)
                select ?, id, localtimestamp from unnest(?::text[]) id order by id
                on conflict do nothing
                returning messageid
                """, String.class, ShipmentIntakeConfiguration.INTAKE_PROCESSOR, byId.keySet().toArray(String[]::new)));
        List<AcceptedShipment> toStore = new ArrayList<>();
        for (AcceptedShipment event : byId.values()) {
            if (fresh.contains(event.eventId())) toStore.add(event); else duplicates.add(event.eventId());
        }
        List<Stored> stored = insert(toStore);
        // An eventId that made it into the repository but not the outbox: another door stored it meanwhile.
        Set<String> storedIds = new java.util.HashSet<>(stored.stream().map(Stored::eventId).toList());
        toStore.stream().map(AcceptedShipment::eventId).filter(id -> !storedIds.contains(id)).forEach(duplicates::add);
        if (!duplicates.isEmpty()) {
            log.info("Shipment events {} from KAFKA were accepted before (or twice in this batch): ignored", duplicates);
        }
        if (!stored.isEmpty()) {
            log.info("{} shipment events accepted from KAFKA: {}", stored.size(), stored.stream().map(Stored::eventId).toList());
        }
        if (log.isDebugEnabled()) {
            stored.forEach(s -> log.debug("Shipment event {} accepted: package {}", s.eventId(), s.packageReference()));
        }
    }

    /**
     * The PENDING outbox rows of these events. The package reference is the one of the order's earlier package with
     * the same content (an update), else the order's next number; the orders' rows are locked meanwhile so two events
     * of one order never draw the same number. One statement for the rows, or one per round when an order has several
     * events here (each round sees the rows of the rounds before it). Events whose eventId is already in the outbox
     * are left out of the result.
     */
    private List<Stored> insert(List<AcceptedShipment> events) {
        if (events.isEmpty()) return List.of();
        // The orders' row locks order concurrent events of one order (any door); each insert below is its own
        // statement, so it sees what they committed while this one waited.
        jdbc.queryForList("select id from orders where id = any(?) order by id for update", Long.class,
                (Object) events.stream().map(AcceptedShipment::orderId).distinct().toArray(Long[]::new));
        List<List<AcceptedShipment>> rounds = new ArrayList<>();
        Map<Long, Integer> seen = new java.util.HashMap<>();
        for (AcceptedShipment event : events) {
            int round = seen.merge(event.orderId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) rounds.add(new ArrayList<>());
            rounds.get(round).add(event);
        }
        List<Stored> stored = new ArrayList<>();
        for (List<AcceptedShipment> round : rounds) {
            stored.addAll(jdbc.query("""
                    insert into shipment_event (event_id, source, state, account_id, marketplace, order_id, marketplace_order_id,
                                                items, package_key, package_reference_id, event)
                    select v.event_id, v.source, 'PENDING', v.account_id, v.marketplace, v.order_id, v.marketplace_order_id,
                           cast(v.items as jsonb), v.package_key,
                           coalesce((select p.package_reference_id from shipment_event p
                                      where p.order_id = v.order_id and p.package_key = v.package_key and p.state <> 'REJECTED'
                                      order by p.id limit 1),
                                    (select coalesce(max(n.package_reference_id), 0) + 1 from shipment_event n where n.order_id = v.order_id)),
                           cast(v.event as jsonb)
                      from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                           with ordinality as v(event_id, source, account_id, marketplace, order_id, marketplace_order_id, items,
                                                package_key, event, position)
                     order by v.position
                    on conflict (event_id) where state <> 'REJECTED' do nothing
                    returning id, event_id, package_reference_id
                    """, (rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getLong(3)),
                    column(round, AcceptedShipment::eventId), column(round, AcceptedShipment::source),
                    round.stream().map(AcceptedShipment::accountId).toArray(Long[]::new), column(round, AcceptedShipment::marketplace),
                    round.stream().map(AcceptedShipment::orderId).toArray(Long[]::new), column(round, AcceptedShipment::marketplaceOrderId),
                    column(round, AcceptedShipment::items), column(round, AcceptedShipment::packageKey), column(round, AcceptedShipment::raw)));
        }
        stored.sort(Comparator.comparingLong(Stored::id));
        return stored;
    }

    private static String[] column(List<AcceptedShipment> events, java.util.function.Function<AcceptedShipment, String> field) {
        return events.stream().map(field).toArray(String[]::new);
    }

    /** Error-policy step: keeps rejected input as a REJECTED row and names the reason for the door's dead letter. */
    public void reject(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = withoutNul(cause == null || cause.getMessage() == null ? "rejected" : cause.getMessage());
        exchange.setProperty(REJECT_REASON, reason);
        String raw = exchange.getProperty(RAW_EVENT, String.class);
        if (raw != null && raw.length() > MAX_RAW_CHARS) raw = raw.substring(0, MAX_RAW_CHARS) + "…";
        String eventId = withoutNul(exchange.getProperty(EVENT_ID, String.class));
        jdbc.update("""
                insert into shipment_event (event_id, source, state, account_id, marketplace, marketplace_order_id,
                                            raw_event, reject_reason, next_attempt_at)
                values (?, ?, 'REJECTED', ?, ?, ?, ?, ?, now())
                """, eventId, exchange.getProperty(SOURCE, String.class), exchange.getProperty(ACCOUNT_ID, Long.class),
                exchange.getProperty(MARKETPLACE, String.class), withoutNul(exchange.getProperty(MARKETPLACE_ORDER_ID, String.class)),
                raw == null ? "" : raw.replace("\u0000", ""), reason);
        metrics.deadLettered("shipments." + String.valueOf(exchange.getProperty(SOURCE)).toLowerCase(java.util.Locale.ROOT));
        log.warn("Shipment event {} from {} rejected: {}", eventId == null ? "(no eventId)" : eventId,
                exchange.getProperty(SOURCE), reason);
    }
}
