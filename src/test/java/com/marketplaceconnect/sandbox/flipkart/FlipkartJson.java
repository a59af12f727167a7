package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Renders shipments the way Seller API v3 does (dates in IST with an offset, prices in whole rupees) and builds
 * Flipkart's error bodies: {@code {"errors":[{severity, code, description, path}]}} for API errors and
 * {@code {error, error_description}} for OAuth.
 */
final class FlipkartJson {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    private FlipkartJson() {
    }

    static String time(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A shipment as the filter search returns it. */
    static ObjectNode shipment(StoredShipment s) {
        StoredShipment.State state = s.state();
        ObjectNode n = JSON.createObjectNode();
        n.put("shipmentId", s.shipmentId);
        n.put("dispatchByDate", time(s.dispatchByDate));
        n.put("dispatchAfterDate", time(s.dispatchAfterDate));
        n.put("updatedAt", time(state.updatedAt()));
        n.put("locationId", s.locationId);
        n.put("hold", state.hold());
        n.put("mps", false);
        n.put("packagingPolicy", "DEFAULT");
        ArrayNode subs = n.putArray("subShipments");
        ObjectNode sub = subs.addObject();
        sub.put("subShipmentId", s.subShipmentId);
        sub.putArray("packages");
        orderItems(n.putArray("orderItems"), s, state);
        n.putArray("forms");
        n.put("shipmentType", s.shipmentType);
        return n;
    }

    /** A shipment as GET /v3/shipments/{ids} returns it: addresses, buyer and courier details. */
    static ObjectNode details(StoredShipment s, ObjectNode sellerAddress) {
        StoredShipment.State state = s.state();
        ObjectNode n = JSON.createObjectNode();
        n.put("orderId", s.orderId);
        n.put("shipmentId", s.shipmentId);
        n.put("locationId", s.locationId);
        orderItems(n.putArray("orderItems"), s, state);
        n.set("deliveryAddress", address(s.address));
        n.set("billingAddress", address(s.address));
        ObjectNode buyer = n.putObject("buyerDetails");
        buyer.put("firstName", s.address.firstName());
        buyer.put("lastName", s.address.lastName());
        if ("SELF".equals(s.shipmentType)) { // contact details only for self-ship
            buyer.put("email", s.buyerEmail);
            buyer.put("primaryPhone", s.address.contactNumber());
        }
        n.set("sellerAddress", sellerAddress.deepCopy());
        n.set("returnAddress", sellerAddress.deepCopy());
        ArrayNode subs = n.putArray("subShipments");
        ObjectNode sub = subs.addObject();
        sub.put("subShipmentId", s.subShipmentId);
        ObjectNode courier = sub.putObject("courierDetails");
        StoredShipment.Dispatch d = state.dispatch();
        ObjectNode pickup = courier.putObject("pickupDetails");
        ObjectNode delivery = courier.putObject("deliveryDetails");
        if (d != null) {
            pickup.put("trackingId", d.trackingId());
            pickup.put("vendorName", d.deliveryPartner());
            delivery.put("trackingId", d.trackingId());
            delivery.put("vendorName", d.deliveryPartner());
        } else {
            pickup.putNull("trackingId");
            pickup.putNull("vendorName");
            delivery.putNull("trackingId");
            delivery.putNull("vendorName");
        }
        ObjectNode dims = sub.putObject("shipmentDimensions");
        dims.put("length", 20);
        dims.put("breadth", 15);
        dims.put("height", 10);
        dims.put("weight", 0.5);
        return n;
    }

    private static void orderItems(ArrayNode array, StoredShipment s, StoredShipment.State state) {
        for (StoredShipment.Item item : s.items) {
            ObjectNode i = array.addObject();
            i.put("orderItemId", item.orderItemId());
            i.put("orderId", s.orderId);
            i.put("cancellationGroupId", item.cancellationGroupId());
            i.put("orderDate", time(s.orderDate));
            i.put("cancellationDate", time(state.cancellationDate()));
            i.put("paymentType", s.paymentType);
            i.put("status", state.status());
            if (state.cancellationType() != null) {
                i.put("cancellationReason", state.cancellationReason());
                i.put("cancellationSubReason", state.cancellationType());
            } else {
                i.putNull("cancellationReason");
                i.putNull("cancellationSubReason");
            }
            i.put("courierReturn", false);
            i.put("quantity", item.quantity());
            i.put("fsn", item.fsn());
            i.put("sku", item.sku());
            i.put("listingId", item.listingId());
            i.put("hsn", item.hsn());
            i.put("title", item.title());
            i.putArray("packageIds");
            ObjectNode price = i.putObject("priceComponents");
            price.put("sellingPrice", item.sellingPrice());
            price.put("totalPrice", item.sellingPrice() + item.shippingCharge());
            price.put("shippingCharge", item.shippingCharge());
            price.put("customerPrice", item.sellingPrice() + item.shippingCharge());
            price.put("flipkartDiscount", item.flipkartDiscount());
            i.put("serviceProfile", "NON_FBF");
            i.put("is_replacement", false);
        }
    }

    private static ObjectNode address(StoredShipment.Address a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("firstName", a.firstName());
        n.put("lastName", a.lastName());
        n.put("addressLine1", a.addressLine1());
        n.put("addressLine2", a.addressLine2());
        n.put("landmark", a.landmark());
        n.put("city", a.city());
        n.put("state", a.state());
        n.put("stateCode", a.stateCode());
        n.put("pinCode", a.pinCode());
        n.put("contactNumber", a.contactNumber());
        return n;
    }

    static SandboxResponse ok(JsonNode body) {
        return SandboxResponse.json(200, write(body));
    }

    static SandboxResponse error(int status, String description, String path) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putArray("errors").addObject();
        e.put("severity", "ERROR");
        e.put("code", status);
        e.put("description", description);
        if (path != null) e.put("path", path);
        return SandboxResponse.json(status, write(body));
    }

    static SandboxResponse oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return SandboxResponse.json(status, write(body)).header("Cache-Control", "no-store");
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
