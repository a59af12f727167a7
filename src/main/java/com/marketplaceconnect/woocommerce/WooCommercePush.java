package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.shipments.ShipmentPush;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The tracking push's bodies and decisions. With the Shipment Tracking extension: a tracking entry (a predefined
 * provider by name, else {@code custom_tracking_provider} with {@code custom_tracking_link}); without: a
 * customer-visible order note with carrier, number and link. Whether the store has the extension is learned once, by
 * whether its route answers ({@code 404 rest_no_route}: not installed), and kept on the store.
 */
@Component("woocommercePush")
public class WooCommercePush {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The extension's predefined providers most used (its list is longer); any other carrier goes as a custom one. */
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("USPS", "USPS"), Map.entry("UPS", "UPS"), Map.entry("FEDEX", "Fedex"), Map.entry("DHL", "DHL US"),
            Map.entry("DHLEXPRESS", "DHL US"), Map.entry("ROYALMAIL", "Royal Mail"), Map.entry("AUSTRALIAPOST", "Australia Post"),
            Map.entry("CANADAPOST", "Canada Post"), Map.entry("DPD", "DPD"));

    private final WooCommerceStores stores;
    private final JdbcTemplate jdbc;
    private final boolean completeWhenShipped;

    public WooCommercePush(WooCommerceStores stores, JdbcTemplate jdbc, WooCommerceProperties properties) {
        this.stores = stores;
        this.jdbc = jdbc;
        this.completeWhenShipped = properties.completeWhenShipped();
    }

    /**
     * Route step after GET …/shipment-trackings (answered without throwing): 200 = installed, 404 rest_no_route = not
     * installed, both remembered; anything else fails the push as that HTTP answer (retried or failed by the policy).
     */
    public void probed(Exchange exchange) throws HttpOperationFailedException {
        long accountId = exchange.getProperty("accountId", Long.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 200) {
            stores.recordShipmentTracking(accountId, true);
        } else if (status == 404 && body != null && body.contains("\"rest_no_route\"")) {
            stores.recordShipmentTracking(accountId, false);
        } else {
            throw new HttpOperationFailedException(exchange.getProperty(WooCommerceAuth.STORE_URL, String.class), status,
                    exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_TEXT, "", String.class), null, null, body);
        }
    }

    /** Whether the store's extension is still to be probed. */
    public boolean unknownTracking(long accountId) {
        return stores.hasShipmentTracking(accountId) == null;
    }

    /**
     * Whether the event's tracking number is on none of the order's notes or tracking entries yet (body: the list
     * GET …/notes or …/shipment-trackings answered). A push whose answer was lost is retried; this keeps the
     * customer from getting the same note twice.
     */
    public boolean notSentYet(ShipmentPush push, String list) throws java.io.IOException {
        String number = push.event().path("trackingNumber").asText();
        for (JsonNode entry : JSON.readTree(list == null || list.isBlank() ? "[]" : list)) {
            // noteBody writes "Tracking number: <number>." in every note.
            if (number.equals(entry.path("tracking_number").asText()) || entry.path("note").asText().contains("Tracking number: " + number + ".")) {
                return false;
            }
        }
        return true;
    }

    /** Route step after POST …/notes or …/shipment-trackings: the answer must be the created resource. */
    public void created(Exchange exchange) throws com.marketplaceconnect.connectors.MalformedMarketplaceResponseException {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode created;
        try {
            created = JSON.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            created = null;
        }
        if (created == null || !created.isObject() || (!created.hasNonNull("id") && !created.hasNonNull("tracking_id"))) {
            throw new com.marketplaceconnect.connectors.MalformedMarketplaceResponseException(
                    "WooCommerce answered the write without the created note or tracking entry");
        }
    }

    /** POST …/shipment-trackings body. */
    public String trackingBody(ShipmentPush push) {
        JsonNode event = push.event();
        ObjectNode body = JSON.createObjectNode();
        String provider = PROVIDERS.get(code(event));
        if (provider != null) {
            body.put("tracking_provider", provider);
        } else {
            body.put("custom_tracking_provider", carrier(event));
            String url = event.path("trackingUrl").asText("");
            if (!url.isBlank()) body.put("custom_tracking_link", url);
        }
        body.put("tracking_number", event.path("trackingNumber").asText());
        body.put("date_shipped", shipDate(event));
        return body.toString();
    }

    /** POST …/notes body: a note the customer sees (and is emailed). */
    public String noteBody(ShipmentPush push) {
        JsonNode event = push.event();
        String url = event.path("trackingUrl").asText("");
        String note = "Your order has shipped with " + carrier(event) + ". Tracking number: " + event.path("trackingNumber").asText()
                + (url.isBlank() ? "" : ". Track it at " + url) + ".";
        ObjectNode body = JSON.createObjectNode();
        body.put("note", note);
        body.put("customer_note", true);
        return body.toString();
    }

    public String completeBody() {
        return "{\"status\":\"completed\"}";
    }

    /**
     * Whether to set the order completed after this push: woocommerce.complete-when-shipped and, with this event's
     * items, every line of the order fully shipped by the events pushed so far.
     */
    public boolean completesOrder(ShipmentPush push) {
        if (!completeWhenShipped) return false;
        Map<String, Integer> shipped = new HashMap<>();
        push.items().forEach(i -> shipped.merge(i.path("orderItemId").asText(), i.path("quantity").asInt(), Integer::sum));
        jdbc.query("select items::text from shipment_event where order_id = ? and state = 'PUSHED' and id <> ?", rs -> {
            try {
                JSON.readTree(rs.getString(1)).forEach(i -> shipped.merge(i.path("orderItemId").asText(), i.path("quantity").asInt(), Integer::sum));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, push.orderId(), push.id());
        Integer missing = jdbc.query("select marketplace_item_id, quantity from order_item where order_id = ?", rs -> {
            int open = 0;
            while (rs.next()) {
                if (shipped.getOrDefault(rs.getString(1), 0) < rs.getInt(2)) open++;
            }
            return open;
        }, push.orderId());
        return missing != null && missing == 0;
    }

    private static String code(JsonNode event) {
        return event.path("carrierCode").asText("").toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    private static String carrier(JsonNode event) {
        String name = event.path("carrierName").asText("");
        return name.isBlank() ? event.path("carrierCode").asText("") : name;
    }

    /** The ship date as YYYY-MM-DD (in its own offset), today's UTC date when the event has none. */
    private static String shipDate(JsonNode event) {
        String text = event.path("shipDate").asText("");
        try {
            return OffsetDateTime.parse(text).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            return LocalDate.now(ZoneOffset.UTC).toString();
        }
    }
}
