package com.marketplaceconnect.shipments;

import com.marketplaceconnect.operations.OperationsMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sync.SyncErrors;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static com.marketplaceconnect.shipments.ShipmentExchange.*;

/**
 * The outbox side of the push: claims due rows, records each attempt's outcome on its row. Every time is the
 * database's {@code now()}, so several instances agree on what is due whatever their clocks say.
 */
@Component("shipmentOutbox")
public class ShipmentOutbox {
    private static final Logger log = LoggerFactory.getLogger(ShipmentOutbox.class);
    private static final int MAX_RESPONSE_CHARS = 4000;
    /** Exchange property: the outcome message of the row just settled, when the settling statement returned it. */
    static final String OUTCOME = "shipmentOutcome";

    private final JdbcTemplate jdbc;
    private final ShipmentSettings.Push settings;
    private final ObjectMapper json = new ObjectMapper();
    private final OperationsMetrics metrics;

    public ShipmentOutbox(JdbcTemplate jdbc, ShipmentSettings settings, OperationsMetrics metrics) {
        this.jdbc = jdbc;
        this.settings = settings.push();
        this.metrics = metrics;
        // The DEAD backlog gauge (mc.dead.letters.pending{source=shipments.push}) is SyncLagMetrics's, refreshed with
        // the other state counts: registering it here too only earned a "Gauge already registered" warning.
    }

    /**
     * ({@code id = any(array(subquery))}, not {@code id in (subquery)}: the latter was planned as a hash join over a
     * sequential scan of the whole table, so every claim got slower as the outbox grew; BENCHMARKS.md, B4.)
     * Due rows of one marketplace, claimed: IN_FLIGHT with a lease, attempts + 1. Due = PENDING whose time has come,
     * or IN_FLIGHT whose lease ran out (its poller died mid-push). Only the oldest open event of an order is due, so
     * an order's events reach the marketplace in the order they arrived. SKIP LOCKED: instances never share a row.
     */
    public List<ShipmentPush> claimDue(String marketplace) {
        String sql = """
                update shipment_event e
                   set state = 'IN_FLIGHT', attempts = e.attempts + 1, updated_at = now(),
                       lease_until = now() + make_interval(secs => ?)
                 where e.id = any(array(
                       select c.id from shipment_event c
                        where c.marketplace = ?
                          and ((c.state = 'PENDING' and c.next_attempt_at <= now())
                               or (c.state = 'IN_FLIGHT' and c.lease_until < now()))
                          and not exists (select 1 from shipment_event p
                                           where p.order_id = c.order_id and p.id < c.id and p.state in ('PENDING', 'IN_FLIGHT'))
                        order by c.next_attempt_at, c.id
                        limit ?
                        for update skip locked))
                returning e.id, e.event_id, e.account_id, e.marketplace, e.order_id, e.marketplace_order_id, e.items::text,
                          e.package_reference_id, e.event::text, e.attempts,
                          (select a.region from seller_account a where a.id = e.account_id) as region,
                          (select o.marketplace_code from orders o where o.id = e.order_id) as marketplace_code,
                          exists (select 1 from shipment_event d where d.order_id = e.order_id and d.package_key = e.package_key
                                   and d.id < e.id and d.state = 'PUSHED') as is_update
                """;
        // Planned on every call (no server-side prepared statement, whose generic plan, made while the outbox was
        // small or its statistics stale, kept scanning the whole table as it grew: BENCHMARKS.md, B4).
        return jdbc.query(connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                    statement.setDouble(1, settings.lease().toMillis() / 1000.0);
                    statement.setString(2, marketplace);
                    statement.setInt(3, settings.batchSize());
                    return statement;
                }, this::push)
                .stream().sorted(java.util.Comparator.comparingLong(ShipmentPush::id)).toList();
    }

    private ShipmentPush push(ResultSet rs, int n) throws SQLException {
        try {
            return new ShipmentPush(rs.getLong("id"), rs.getString("event_id"), rs.getLong("account_id"),
                    rs.getString("marketplace"), rs.getString("region"), rs.getString("marketplace_code"), rs.getLong("order_id"),
                    rs.getString("marketplace_order_id"), json.readTree(rs.getString("items")), rs.getLong("package_reference_id"),
                    json.readTree(rs.getString("event")), rs.getInt("attempts"), rs.getBoolean("is_update"));
        } catch (IOException e) {
            throw new SQLException("unreadable JSON in shipment_event " + rs.getLong("id"), e);
        }
    }

    /** Route step: the claimed row (body) becomes the exchange's properties. */
    public void start(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ShipmentPush push = exchange.getMessage().getMandatoryBody(ShipmentPush.class);
        exchange.setProperty(PUSH, push);
        exchange.setProperty(EVENT_ID, push.eventId());
        exchange.setProperty(ACCOUNT_ID, push.accountId());
        exchange.setProperty(MARKETPLACE, push.marketplace());
        exchange.setProperty(MARKETPLACE_ORDER_ID, push.marketplaceOrderId());
    }

    /** Route step after a 2xx: PUSHED, with the status and request id the marketplace answered, for the status API. */
    public void pushed(Exchange exchange) {
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        var message = exchange.getMessage();
        String requestId = message.getHeader("x-amzn-RequestId", String.class);
        String response = "HTTP " + message.getHeader(Exchange.HTTP_RESPONSE_CODE, "2xx", String.class)
                + (requestId == null ? "" : " (x-amzn-RequestId " + requestId + ")");
        // RETURNING: the outcome message needs the row as settled; no second query for it.
        List<ObjectNode> settled = jdbc.query("""
                update shipment_event set state = 'PUSHED', pushed_at = now(), lease_until = null, last_error = null,
                       marketplace_response = ?, updated_at = now()
                 where id = ? and state = 'IN_FLIGHT' and attempts = ?
                returning event_id, state, attempts, last_error, pushed_at, package_reference_id
                """, (rs, n) -> outcomeMessage(rs, push), truncate(response), push.id(), push.attempts());
        if (!settled.isEmpty()) {
            exchange.setProperty(OUTCOME, settled.get(0));
        }
        settle(exchange, push, settled.size(), ShipmentState.PUSHED, null);
    }

    /** Error-policy step for a transient failure: PENDING again after a backoff, or DEAD after the last attempt. */
    public void retryLater(Exchange exchange) {
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (push == null) {
            throw new IllegalStateException("push step failed before it had a row", cause);
        }
        String error = SyncErrors.describe(cause);
        ShipmentSettings.Retry retry = settings.retry();
        if (push.attempts() >= retry.maxAttempts()) {
            int updated = jdbc.update("""
                    update shipment_event set state = 'DEAD', lease_until = null, last_error = ?, marketplace_response = ?,
                           updated_at = now()
                     where id = ? and state = 'IN_FLIGHT' and attempts = ?
                    """, "Gave up after " + push.attempts() + " attempts: " + error, truncate(responseBody(cause)), push.id(), push.attempts());
            settle(exchange, push, updated, ShipmentState.DEAD, error);
            return;
        }
        Duration delay = backoff(push.attempts(), retry);
        int updated = jdbc.update("""
                update shipment_event set state = 'PENDING', lease_until = null, last_error = ?, marketplace_response = ?,
                       next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                 where id = ? and state = 'IN_FLIGHT' and attempts = ?
                """, error, truncate(responseBody(cause)), delay.toMillis() / 1000.0, push.id(), push.attempts());
        settle(exchange, push, updated, ShipmentState.PENDING, error);
    }

    /** Error-policy step for a refusal that retrying cannot fix (a 4xx on the request): FAILED with its message. */
    public void fail(Exchange exchange) {
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (push == null) {
            throw new IllegalStateException("push step failed before it had a row", cause);
        }
        String error = SyncErrors.describe(cause);
        int updated = jdbc.update("""
                update shipment_event set state = 'FAILED', lease_until = null, last_error = ?, marketplace_response = ?,
                       updated_at = now()
                 where id = ? and state = 'IN_FLIGHT' and attempts = ?
                """, error, truncate(responseBody(cause)), push.id(), push.attempts());
        settle(exchange, push, updated, ShipmentState.FAILED, error);
    }

    /** Records a per-shipment outcome of a batch call (Flipkart answers each shipment inside one HTTP 200). */
    public void settle(ShipmentPush push, ShipmentState state, String error, String response) {
        jdbc.update("""
                update shipment_event set state = ?, lease_until = null, last_error = ?, marketplace_response = ?, updated_at = now(),
                       pushed_at = case when ? = 'PUSHED' then now() else pushed_at end
                 where id = ? and state = 'IN_FLIGHT' and attempts = ?
                """, state.name(), error, truncate(response), state.name(), push.id(), push.attempts());
        count(push, state);
    }

    private void count(ShipmentPush push, ShipmentState state) {
        metrics.pushOutcome(push.marketplace(), state == ShipmentState.PENDING ? "RETRY" : state.name());
        if (state == ShipmentState.DEAD) {
            metrics.deadLettered("shipments.push");
        }
    }

    private void settle(Exchange exchange, ShipmentPush push, int updated, ShipmentState state, String error) {
        if (updated == 0) {
            // The lease ran out and another poller took the row over: its outcome counts, not this one.
            log.warn("Shipment event {}: outcome {} not recorded, the row was taken over after its lease expired", push.eventId(), state);
            exchange.setProperty(STATE, null);
            return;
        }
        exchange.setProperty(STATE, state.name());
        count(push, state);
        switch (state) {
            // At INFO once per claim for Amazon (routes/tracking-push-amazon.yaml), per event for Flipkart (FlipkartPushSettlement).
            case PUSHED -> log.debug("Shipment event {} pushed to {} (order {}, attempt {})", push.eventId(), push.marketplace(),
                    push.marketplaceOrderId(), push.attempts());
            case PENDING -> log.warn("Shipment event {} attempt {} failed, will retry: {}", push.eventId(), push.attempts(), error);
            default -> log.warn("Shipment event {} is {}: {}", push.eventId(), state, error);
        }
    }

    /** Exponential backoff with jitter: initial * 2^(attempt-1), capped, then spread by +/- jitter. */
    static Duration backoff(int attempt, ShipmentSettings.Retry retry) {
        double base = retry.initialDelay().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, retry.maxDelay().toMillis());
        double spread = 1 + retry.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * spread)));
    }

    /** Route step before publishing: the outcome message (body) of the row just settled, keyed by the order id. */
    public void outcome(Exchange exchange) {
        ShipmentPush push = exchange.getProperty(PUSH, ShipmentPush.class);
        ObjectNode out = exchange.getProperty(OUTCOME, ObjectNode.class);
        if (out == null) {
            out = jdbc.queryForObject("""
                    select event_id, state, attempts, last_error, pushed_at, package_reference_id from shipment_event where id = ?
                    """, (rs, n) -> outcomeMessage(rs, push), push.id());
        }
        exchange.getMessage().setBody(out.toString());
        exchange.getMessage().setHeader("kafka.KEY", push.marketplaceOrderId());
    }

    private ObjectNode outcomeMessage(ResultSet rs, ShipmentPush push) throws SQLException {
        ObjectNode o = json.createObjectNode();
        o.put("eventId", rs.getString("event_id"));
        o.put("accountId", push.accountId());
        o.put("marketplace", push.marketplace());
        o.put("marketplaceOrderId", push.marketplaceOrderId());
        o.put("state", rs.getString("state"));
        o.put("action", push.update() ? "UPDATE" : "CONFIRM");
        o.put("packageReferenceId", rs.getLong("package_reference_id"));
        o.put("attempts", rs.getInt("attempts"));
        o.put("trackingNumber", push.event().path("trackingNumber").asText(null));
        o.put("lastError", rs.getString("last_error"));
        o.put("pushedAt", rs.getTimestamp("pushed_at") == null ? null : rs.getTimestamp("pushed_at").toInstant().toString());
        return o;
    }

    /** Retry of a FAILED or DEAD event (status API): PENDING now, with a fresh set of attempts. */
    public boolean retryNow(String eventId) {
        return jdbc.update("""
                update shipment_event set state = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null, updated_at = now()
                 where event_id = ? and state in ('FAILED', 'DEAD')
                """, eventId) > 0;
    }

    static String responseBody(Throwable t) {
        return t instanceof HttpOperationFailedException http ? http.getResponseBody() : null;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_RESPONSE_CHARS ? s : s.substring(0, MAX_RESPONSE_CHARS) + "…";
    }
}
