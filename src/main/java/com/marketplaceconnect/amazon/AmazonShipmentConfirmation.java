package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.shipments.PermanentPushException;
import com.marketplaceconnect.shipments.ShipmentExchange;
import com.marketplaceconnect.shipments.ShipmentPush;
import com.marketplaceconnect.shipments.ShipmentSettings;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds the confirmShipment request (Orders API v0) for a claimed shipment event: the order's marketplace id, and a
 * packageDetail with the stable packageReferenceId, Amazon's CarrierCode from shipments.amazon.carrier-codes (else
 * Other plus carrierName), the tracking number, the ship date in UTC and the synced orderItemIds. Sending it again
 * with the same packageReferenceId edits the package, which is how a tracking update works.
 */
@Component("amazonShipmentConfirmation")
public class AmazonShipmentConfirmation {
    public static final String ENDPOINT = "spApiEndpoint";
    public static final String ORDER_PATH_ID = "spApiOrderId";
    private static final DateTimeFormatter ISO_UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final AmazonProperties amazon;
    private final ShipmentSettings.Amazon settings;
    private final ObjectMapper json = new ObjectMapper();

    public AmazonShipmentConfirmation(AmazonProperties amazon, ShipmentSettings settings) {
        this.amazon = amazon;
        this.settings = settings.amazon();
    }

    public void prepare(Exchange exchange) {
        ShipmentPush push = exchange.getProperty(ShipmentExchange.PUSH, ShipmentPush.class);
        AmazonMarketplace marketplace = AmazonMarketplace.byCode(push.marketplaceCode())
                .orElseThrow(() -> new PermanentPushException("Order " + push.marketplaceOrderId()
                        + " has no known Amazon marketplace (" + push.marketplaceCode() + ")"));
        exchange.setProperty(ENDPOINT, amazon.endpoints().forRegion(push.region()));
        exchange.setProperty(ORDER_PATH_ID, URLEncoder.encode(push.marketplaceOrderId(), StandardCharsets.UTF_8));

        var message = exchange.getMessage();
        // The order's path goes in a header, not in the endpoint URI: one HTTP endpoint (and connection pool) per
        // region instead of a new endpoint and HTTP client for every order (BENCHMARKS.md, B4).
        message.setHeader(Exchange.HTTP_PATH, "/orders/v0/orders/" + exchange.getProperty(ORDER_PATH_ID, String.class) + "/shipmentConfirmation");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setHeader("User-Agent", amazon.userAgent());
        message.setBody(body(push, marketplace).toString());
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
                .atZoneSameInstant(java.time.ZoneOffset.UTC)));
        ArrayNode items = detail.putArray("orderItems");
        for (JsonNode item : push.items()) {
            items.addObject().put("orderItemId", item.get("orderItemId").asText()).put("quantity", item.get("quantity").asInt());
        }
        return body;
    }
}
