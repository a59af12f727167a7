package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.InvalidRequestException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.*;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API door of shipment intake and the status API of the tracking push. POST hands the body to the intake route
 * as it arrived (the same checks as the topic and the folder); 202 means the event is stored and will be pushed.
 */
@RestController
@RequestMapping("/api/shipments")
@io.swagger.v3.oas.annotations.tags.Tag(name = "Shipments",
        description = "Shipment events in (tracking from your warehouse) and their push to the marketplaces (docs/shipment-events.md)")
public class ShipmentController {
    private static final String COLUMNS = """
            id, event_id, state, source, account_id, marketplace, marketplace_order_id, package_reference_id, attempts,
            next_attempt_at, last_error, marketplace_response, reject_reason, received_at, pushed_at, event::text as event, raw_event
            """;

    private final ProducerTemplate producer;
    private final JdbcTemplate jdbc;
    private final ShipmentOutbox outbox;
    private final ObjectMapper json = new ObjectMapper();

    public ShipmentController(ProducerTemplate producer, JdbcTemplate jdbc, ShipmentOutbox outbox) {
        this.producer = producer;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Send one shipment event: its tracking is pushed to the marketplace order",
            description = "The body is one event (schema: shipment-event.schema.json), checked like the Kafka topic's and the "
                    + "folder's. 202 {eventId, duplicate, state}: stored once (duplicate=true when that eventId was accepted "
                    + "before; the copy is ignored) and pushed in the background. 400 when the body is not a JSON object or "
                    + "breaks the schema, 422 when the account or the synced order is unknown, the order is fulfilled by the "
                    + "marketplace or cancelled, or the items do not fit the order: a problem naming the field, kept as a "
                    + "REJECTED row. 503 when the event could not be stored (the database is down): send it again.")
    @PostMapping
    ResponseEntity<Map<String, Object>> accept(@RequestBody(required = false) String body) {
        Exchange result = producer.send("direct:shipment-intake-api", e -> e.getMessage().setBody(body == null ? "" : body));
        ShipmentRejectedException rejected = result.getException(ShipmentRejectedException.class);
        if (rejected != null) {
            throw rejected;
        }
        if (result.getException() != null) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The shipment event could not be stored, send it again (" + result.getException().getClass().getSimpleName() + ")");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        String eventId = result.getProperty(ShipmentExchange.EVENT_ID, String.class);
        answer.put("eventId", eventId);
        answer.put("duplicate", result.getProperty(ShipmentExchange.DUPLICATE, false, Boolean.class));
        answer.put("state", state(eventId));
        return ResponseEntity.accepted().body(answer);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "One shipment event: its state, attempts and the marketplace's answer",
            description = "200 with the accepted event (else the latest rejected input under that id): state (PENDING, "
                    + "IN_FLIGHT, PUSHED, FAILED, DEAD, REJECTED), attempts, next attempt, last error, the marketplace's "
                    + "response, the reject reason and the event. 404 when no event has that id.")
    @GetMapping("/{eventId}")
    ShipmentView get(@PathVariable String eventId) {
        // The accepted event if there is one, else the latest rejected input under that id.
        return jdbc.query("select " + COLUMNS + " from shipment_event where event_id = ? order by (state = 'REJECTED'), id desc limit 1",
                        view, eventId)
                .stream().findFirst().orElseThrow(() -> new ShipmentNotFoundException(eventId));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Recent shipment events, newest first, optionally of one state",
            description = "200 with up to limit events (1 to 500, default 50), of the given state (PENDING, IN_FLIGHT, PUSHED, "
                    + "FAILED, DEAD, REJECTED; any case) or of all states. 400 for an unknown state.")
    @GetMapping
    List<ShipmentView> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit) {
        int n = Math.min(Math.max(limit, 1), 500);
        if (state == null || state.isBlank()) {
            return jdbc.query("select " + COLUMNS + " from shipment_event order by id desc limit ?", view, n);
        }
        ShipmentState s = Arrays.stream(ShipmentState.values()).filter(v -> v.name().equalsIgnoreCase(state.trim())).findFirst()
                .orElseThrow(() -> new InvalidRequestException("state", "must be one of " + Arrays.toString(ShipmentState.values())));
        return jdbc.query("select " + COLUMNS + " from shipment_event where state = ? order by id desc limit ?", view, s.name(), n);
    }

    /** A FAILED or DEAD event goes back to PENDING with a fresh set of attempts (e.g. after fixing the carrier table). */
    @io.swagger.v3.oas.annotations.Operation(summary = "Push a FAILED or DEAD shipment event again",
            description = "After fixing the cause (carrier mapping, re-authorization, the marketplace's outage over): 202 with "
                    + "the event back in PENDING with a fresh set of attempts. 404 when no event has that id, 409 when it is "
                    + "in any other state.")
    @PostMapping("/{eventId}/retry")
    ResponseEntity<ShipmentView> retry(@PathVariable String eventId) {
        ShipmentView current = get(eventId);
        if (!outbox.retryNow(eventId)) {
            throw new IllegalStateException("Shipment event " + eventId + " is " + current.state()
                    + ": only FAILED or DEAD events can be retried");
        }
        return ResponseEntity.accepted().body(get(eventId));
    }

    private String state(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    private final RowMapper<ShipmentView> view = (rs, n) -> new ShipmentView(rs.getLong("id"), rs.getString("event_id"),
            rs.getString("state"), rs.getString("source"), (Long) rs.getObject("account_id"), rs.getString("marketplace"),
            rs.getString("marketplace_order_id"), (Long) rs.getObject("package_reference_id"), rs.getInt("attempts"),
            due(rs.getString("state"), rs.getTimestamp("next_attempt_at")), rs.getString("last_error"), rs.getString("marketplace_response"),
            rs.getString("reject_reason"), instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("pushed_at")),
            readJson(rs.getString("event")), rs.getString("raw_event"));

    /** When the row is tried next: only a row still waiting for a push has one (REJECTED, PUSHED, FAILED, DEAD never). */
    private static java.time.Instant due(String state, java.sql.Timestamp nextAttemptAt) {
        return "PENDING".equals(state) || "IN_FLIGHT".equals(state) ? instant(nextAttemptAt) : null;
    }

    private JsonNode readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @ExceptionHandler(ShipmentRejectedException.class)
    ProblemDetail rejected(ShipmentRejectedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        p.setTitle("Shipment event rejected");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(ShipmentNotFoundException.class)
    ProblemDetail notFound(ShipmentNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
