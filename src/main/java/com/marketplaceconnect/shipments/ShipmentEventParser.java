package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static com.marketplaceconnect.shipments.ShipmentExchange.EVENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.PARSED_EVENT;
import static com.marketplaceconnect.shipments.ShipmentExchange.RAW_EVENT;

/**
 * The first intake step, the same at every door: is the input a shipment event at all? Well-formed JSON object, no
 * NUL character, schemas/shipment-event.schema.json, a plausible ship date, numbers that fit. Anything else is refused
 * with a 400 {@link ShipmentRejectedException} naming the field. Reads nothing from the database.
 */
@Component("shipmentEventParser")
public class ShipmentEventParser {
    public static final String SCHEMA = "/schemas/shipment-event.schema.json";

    /** A ship date before this is a typo or a default value, not a parcel (Amazon and Flipkart did not exist). */
    static final Instant EARLIEST_SHIP_DATE = Instant.parse("2000-01-01T00:00:00Z");
    /** How far in the future a ship date may lie (time zones, a label printed for tomorrow's pickup). */
    static final Duration LATEST_SHIP_DATE_AHEAD = Duration.ofDays(2);

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema schema;
    private final Clock clock;

    public ShipmentEventParser(Clock clock) throws IOException {
        this.clock = clock;
        try (InputStream in = ShipmentEventParser.class.getResourceAsStream(SCHEMA)) {
            if (in == null) throw new IllegalStateException("missing " + SCHEMA);
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build());
        }
    }

    /**
     * Route step: the raw event (property rawShipmentEvent) checked, and kept parsed (property shipmentEvent). Its
     * eventId is set as soon as there is one, so a rejection is kept under it.
     */
    public void parse(Exchange exchange) {
        JsonNode event = readObject(exchange.getProperty(RAW_EVENT, String.class));
        checkNoNulCharacter(event);
        if (event.path("eventId").isTextual()) {
            exchange.setProperty(EVENT_ID, event.get("eventId").asText());
        }
        checkSchema(event);
        checkDates(event);
        checkNumbersFit(event);
        exchange.setProperty(PARSED_EVENT, event);
    }

    private JsonNode readObject(String raw) {
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
        Instant shipDate;
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
     * The schema's "integer" has no upper bound. asLong() would wrap a number beyond a long: an accountId of 2^64 + 5
     * would name account 5 (another seller's), a quantity of 2^64 + 1 one item.
     */
    private static void checkNumbersFit(JsonNode event) {
        if (event.hasNonNull("accountId") && !event.get("accountId").canConvertToLong()) {
            throw new ShipmentRejectedException(400, "accountId", "Invalid shipment event: $.accountId is too large");
        }
        JsonNode items = event.path("items");
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).get("quantity").canConvertToLong()) {
                throw new ShipmentRejectedException(400, "items[" + i + "].quantity",
                        "Invalid shipment event: $.items[" + i + "].quantity is too large");
            }
        }
    }
}
