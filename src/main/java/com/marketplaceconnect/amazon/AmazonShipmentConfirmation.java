package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.shipments.PermanentPushException;
import com.marketplaceconnect.shipments.ShipmentExchange;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.shipments.ShipmentSettings;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Builds the body of a confirmShipment request (Orders API v0) for a claimed shipment event: the order's marketplace
 * id, and a packageDetail with the stable packageReferenceId, Amazon's CarrierCode from shipments.amazon.carrier-codes
 * (else Other plus carrierName), the tracking number, the ship date in UTC and the synced orderItemIds. Sending it
 * again with the same packageReferenceId edits the package, which is how a tracking update works.
 */
@Component("amazonShipmentConfirmation")
public class AmazonShipmentConfirmation {
    private static final DateTimeFormatter ISO_UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    /** What an Amazon order id is made of (3-7-7 digits); the route puts it in the request's path as it is. */
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final ShipmentSettings.Amazon settings;
    private final ObjectMapper json = new ObjectMapper();

    public AmazonShipmentConfirmation(ShipmentSettings settings) {
        this.settings = settings.amazon();
    }

    /** The request's JSON. An order whose marketplace or id Amazon cannot know is a permanent failure. */
    public String confirmShipmentRequest(@ExchangeProperty(ShipmentExchange.PUSH) ShipmentPush push) {
        AmazonMarketplace marketplace = AmazonMarketplace.byCode(push.marketplaceCode())
                .orElseThrow(() -> new PermanentPushException("Order " + push.marketplaceOrderId()
                        + " has no known Amazon marketplace (" + push.marketplaceCode() + ")"));
        if (!ORDER_ID.matcher(push.marketplaceOrderId()).matches()) {
            throw new PermanentPushException("'" + push.marketplaceOrderId() + "' is not an Amazon order id");
        }
        return body(push, marketplace).toString();
    }

    ObjectNode body(ShipmentPush push, AmazonMarketplace marketplace) {
        JsonNode event = push.event();
        ObjectNode body = json.createObjectNode();
        body.put("marketplaceId", marketplace.marketplaceId());
        ObjectNode detail = body.putObject("packageDetail");
        detail.put("packageReferenceId", String.valueOf(push.packageReferenceId()));
        String carrier = event.get("carrierCode").asText();
        String carrierName = event.path("carrierName").asText(carrier);
        String carrierCode = settings.carrierCode(marketplace.name(), carrier);
        detail.put("carrierCode", carrierCode == null ? "Other" : carrierCode);
        detail.put("carrierName", carrierName);
        detail.put("shippingMethod", event.path("shippingMethod").asText(settings.defaultShippingMethod()));
        detail.put("trackingNumber", event.get("trackingNumber").asText());
        detail.put("shipDate", ISO_UTC_MILLIS.format(OffsetDateTime.parse(event.get("shipDate").asText())
                .atZoneSameInstant(ZoneOffset.UTC)));
        ArrayNode items = detail.putArray("orderItems");
        for (JsonNode item : push.items()) {
            items.addObject().put("orderItemId", item.get("orderItemId").asText()).put("quantity", item.get("quantity").asInt());
        }
        return body;
    }
}
