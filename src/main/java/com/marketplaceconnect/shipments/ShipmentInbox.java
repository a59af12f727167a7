package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED;
import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED_BATCH;
import static com.marketplaceconnect.shipments.ShipmentExchange.ACCOUNT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.DUPLICATE;
import static com.marketplaceconnect.shipments.ShipmentExchange.EVENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.MARKETPLACE;
import static com.marketplaceconnect.shipments.ShipmentExchange.MARKETPLACE_ORDER_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.RAW_EVENT;
import static com.marketplaceconnect.shipments.ShipmentExchange.REJECT_REASON;
import static com.marketplaceconnect.shipments.ShipmentExchange.SHIPMENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.SOURCE;

/**
 * The last intake step: rows of table shipment_event. An accepted event becomes a PENDING outbox row, which the
 * tracking-push routes claim; rejected input is kept as a REJECTED row with its reason. The idempotent consumer in
 * front of it has already let each eventId through once; the table's unique index on event_id is the last guard.
 */
@Component("shipmentInbox")
public class ShipmentInbox {
    private static final Logger log = LoggerFactory.getLogger(ShipmentInbox.class);
    private static final int MAX_RAW_CHARS = 100_000;

    private final JdbcTemplate jdbc;

    public ShipmentInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Stored(long id, String eventId, long packageReference) {
    }

    /**
     * Route step inside the intake's transaction (folder and API doors, one event): the PENDING outbox row. An event
     * the outbox already holds (its id was purged from the repository, say) counts as a duplicate.
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
     * Route step inside a Kafka batch's transaction, after its split (property shipmentsAccepted: the batch's new
     * events, in order): their PENDING rows, with one statement for the orders' locks and one for the rows.
     */
    public void storeBatch(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<AcceptedShipment> accepted = exchange.getProperty(ACCEPTED_BATCH, List.class);
        if (accepted == null || accepted.isEmpty()) return;
        List<Stored> stored = insert(accepted);
        if (stored.size() < accepted.size()) {
            Set<String> storedIds = new HashSet<>(stored.stream().map(Stored::eventId).toList());
            log.info("Shipment events {} from KAFKA were in the outbox already: ignored",
                    accepted.stream().map(AcceptedShipment::eventId).filter(id -> !storedIds.contains(id)).toList());
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
        Map<Long, Integer> seen = new HashMap<>();
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

    private static String[] column(List<AcceptedShipment> events, Function<AcceptedShipment, String> field) {
        return events.stream().map(field).toArray(String[]::new);
    }

    /**
     * Error-policy step: keeps rejected input as a REJECTED row (never pushed; an eventId may be sent again, corrected)
     * and names the reason for the door's dead letter.
     */
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
                raw == null ? "" : withoutNul(raw), reason);
        log.warn("Shipment event {} from {} rejected: {}", eventId == null ? "(no eventId)" : eventId,
                exchange.getProperty(SOURCE), reason);
    }

    private static String withoutNul(String s) {
        return s == null ? null : s.replace("\u0000", "");
    }
}
