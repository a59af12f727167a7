package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.sync.SyncWindow;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The bodies of the Seller API v3 calls (the routes set method and path): the shipments search, the self-ship
 * dispatch and the tracking update. Dates are Flipkart's: date-times in IST with their offset, days in IST.
 */
@Component("flipkartRequests")
public class FlipkartRequests {
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlipkartProperties properties;
    private final FlipkartPushSettings pushSettings;

    public FlipkartRequests(FlipkartProperties properties, FlipkartPushSettings pushSettings) {
        this.properties = properties;
        this.pushSettings = pushSettings;
    }

    /**
     * {@code POST /v3/shipments/filter}: the search's kind of shipment, modified in the window, oldest change first,
     * {@code flipkart.sync.page-size} a page.
     */
    public String filterBody(FlipkartSearch search, SyncWindow window) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode filter = body.putObject("filter");
        filter.put("type", search.type());
        if (search.states() != null) {
            ArrayNode states = filter.putArray("states");
            search.states().forEach(states::add);
        }
        if ("preDispatch".equals(search.type())) {
            filter.put("hold", search.hold());
        }
        if (search.cancellationType() != null) {
            filter.put("cancellationType", search.cancellationType());
        }
        ObjectNode modified = filter.putObject("modifiedDate");
        modified.put("from", ist(window.from()));
        modified.put("to", ist(window.to()));
        body.putObject("pagination").put("pageSize", properties.sync().pageSize());
        ObjectNode sort = body.putObject("sort");
        sort.put("field", "modifiedDate");
        sort.put("order", "asc");
        return body.toString();
    }

    /** {@code POST /v3/shipments/selfShip/dispatch}: one entry per shipment of each event of the batch. */
    public String dispatchBody(FlipkartPushPlan.Batch batch) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode shipments = body.putArray("shipments");
        for (FlipkartPushPlan.Event event : batch.getEvents()) {
            event.shipments().forEach(s -> shipments.add(dispatchEntry(event.push(), s)));
        }
        return body.toString();
    }

    /** One shipment of a dispatch: dates, courier, tracking id, invoice with the shipment's items, location. */
    ObjectNode dispatchEntry(ShipmentPush push, FlipkartPushPlan.Shipment shipment) {
        JsonNode event = push.event();
        LocalDate dispatchDate = dispatchDate(event);
        ObjectNode entry = JSON.createObjectNode();
        entry.put("shipmentId", shipment.shipmentId());
        entry.put("dispatchDate", dispatchDate.toString());
        entry.put("tentativeDeliveryDate", tentativeDeliveryDate(event));
        entry.put("deliveryPartner", deliveryPartner(event));
        entry.put("deliveryPartnerCode", pushSettings.deliveryPartnerCode(event.get("carrierCode").asText()));
        entry.put("trackingId", event.get("trackingNumber").asText());
        ObjectNode invoice = entry.putObject("invoice");
        if (event.hasNonNull("invoiceNumber")) {
            invoice.put("invoiceNumber", event.get("invoiceNumber").asText());
        }
        invoice.put("invoiceDate", event.hasNonNull("invoiceDate") ? event.get("invoiceDate").asText() : dispatchDate.toString());
        ArrayNode items = invoice.putArray("items");
        shipment.items().forEach(i -> items.addObject().put("orderItemId", i.get("orderItemId").asText()).put("quantity", i.get("quantity").asInt()));
        String locationId = event.path("dispatchLocation").path("locationId").asText(shipment.locationId());
        if (locationId != null) {
            entry.put("locationId", locationId);
        }
        if (event.has("dispatchLocation")) {
            entry.set("dispatchLocation", event.get("dispatchLocation").deepCopy());
        }
        return entry;
    }

    /** {@code POST /v3/shipments/{shipmentId}/update}: the event's tracking id for one of its shipments. */
    public String updateBody(FlipkartPushPlan.Update update, FlipkartPushPlan.Shipment shipment) {
        JsonNode event = update.push().event();
        ObjectNode body = JSON.createObjectNode();
        body.put("shipmentId", shipment.shipmentId());
        body.put("trackingId", event.get("trackingNumber").asText());
        body.put("sellerId", update.event().sellerId());
        body.put("deliveryPartner", deliveryPartner(event));
        body.put("tentativeDeliveryDate", tentativeDeliveryDate(event));
        return body.toString();
    }

    /** The day the parcel left, in IST (Flipkart refuses a dispatchDate after today). */
    private static LocalDate dispatchDate(JsonNode event) {
        return OffsetDateTime.parse(event.get("shipDate").asText()).atZoneSameInstant(IST).toLocalDate();
    }

    private String tentativeDeliveryDate(JsonNode event) {
        return event.hasNonNull("expectedDeliveryDate") ? event.get("expectedDeliveryDate").asText()
                : dispatchDate(event).plusDays(pushSettings.defaultDeliveryDays()).toString();
    }

    private static String deliveryPartner(JsonNode event) {
        return event.path("carrierName").asText(event.get("carrierCode").asText());
    }

    private static String ist(Instant instant) {
        return OffsetDateTime.ofInstant(instant, IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
