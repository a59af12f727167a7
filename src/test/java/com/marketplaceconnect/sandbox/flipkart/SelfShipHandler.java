package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Self-ship (the seller's own courier): {@code POST /sellers/v3/shipments/selfShip/dispatch} marks shipments
 * SHIPPED, validating each one and answering per shipment inside a 200; {@code POST /sellers/v3/shipments/{id}/update}
 * changes the tracking id of a shipped self-ship shipment. "Today" is the sandbox clock's date in IST.
 */
final class SelfShipHandler {

    static final int MAX_SHIPMENTS = 100;

    private final ShipmentStore store;
    private final Clock clock;
    private final Map<String, List<JsonNode>> requests = new ConcurrentHashMap<>();

    SelfShipHandler(ShipmentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    SandboxResponse dispatch(SandboxRequest request, String sellerId) {
        JsonNode body = parse(request.body());
        JsonNode shipments = body.path("shipments");
        if (!shipments.isArray() || shipments.isEmpty()) throw FlipkartError.badRequest("shipments is mandatory", "shipments");
        if (shipments.size() > MAX_SHIPMENTS) {
            throw FlipkartError.badRequest("At most " + MAX_SHIPMENTS + " shipments are allowed in a request, got " + shipments.size(), "shipments");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, FlipkartJson.IST);
        ObjectNode response = FlipkartJson.JSON.createObjectNode();
        ArrayNode results = response.putArray("shipments");
        for (JsonNode entry : shipments) {
            String shipmentId = entry.path("shipmentId").asText(null);
            ObjectNode result = results.addObject();
            result.put("shipmentId", shipmentId);
            String[] failure = dispatchOne(entry, shipmentId, sellerId, today, now);
            if (failure == null) {
                result.put("processingStatus", "SUCCESS");
                result.putNull("errorCode");
                result.putNull("errorMessage");
            } else {
                result.put("processingStatus", "FAILURE");
                result.put("errorCode", failure[0]);
                result.put("errorMessage", failure[1]);
            }
        }
        return FlipkartJson.ok(response);
    }

    /** Null on success, else {errorCode, errorMessage}. */
    private String[] dispatchOne(JsonNode entry, String shipmentId, String sellerId, LocalDate today, Instant now) {
        if (shipmentId == null || shipmentId.isBlank()) return fail("INVALID_REQUEST", "shipmentId is mandatory");
        StoredShipment s = store.getForSeller(shipmentId, sellerId);
        if (s == null) return fail("INVALID_SHIPMENT_ID", "Shipment " + shipmentId + " not found");
        if (!"SELF".equals(s.shipmentType)) {
            return fail("NOT_SELF_SHIP", "Shipment " + shipmentId + " is of type " + s.shipmentType + ", not a self-ship shipment");
        }
        synchronized (s) {
            StoredShipment.State state = s.state();
            if ("CANCELLED".equals(state.status())) return fail("SHIPMENT_CANCELLED", "Shipment " + shipmentId + " is cancelled");
            if (!StoredShipment.PRE_DISPATCH.contains(state.status())) {
                return fail("SHIPMENT_ALREADY_DISPATCHED", "Shipment " + shipmentId + " is already " + state.status());
            }
            if (state.hold()) return fail("SHIPMENT_ON_HOLD", "Shipment " + shipmentId + " is on hold and cannot be dispatched");
            String partnerCode = entry.path("deliveryPartnerCode").asText("");
            if (partnerCode.isBlank()) return fail("INVALID_DELIVERY_PARTNER", "deliveryPartnerCode is mandatory");
            LocalDate tentative = localDate(entry.path("tentativeDeliveryDate"));
            if (tentative == null) return fail("INVALID_TENTATIVE_DELIVERY_DATE", "tentativeDeliveryDate is mandatory (yyyy-MM-dd)");
            if (tentative.isBefore(today)) {
                return fail("INVALID_TENTATIVE_DELIVERY_DATE", "tentativeDeliveryDate " + tentative + " is before today (" + today + ")");
            }
            LocalDate dispatchDate = localDate(entry.path("dispatchDate"));
            if (dispatchDate == null) return fail("INVALID_DISPATCH_DATE", "dispatchDate is mandatory (yyyy-MM-dd)");
            if (dispatchDate.isAfter(today)) {
                return fail("INVALID_DISPATCH_DATE", "dispatchDate " + dispatchDate + " is after today (" + today + ")");
            }
            if (tentative.isBefore(dispatchDate)) {
                return fail("INVALID_TENTATIVE_DELIVERY_DATE", "tentativeDeliveryDate must not be before dispatchDate");
            }
            String[] invoiceProblem = checkInvoice(entry.path("invoice"), s);
            if (invoiceProblem != null) return invoiceProblem;
            s.dispatched(new StoredShipment.Dispatch(entry.path("deliveryPartner").asText(null), partnerCode,
                    entry.path("trackingId").asText(null), dispatchDate.toString(), tentative.toString(),
                    entry.path("invoice").path("invoiceNumber").asText(null)), now);
        }
        requests.computeIfAbsent(shipmentId, k -> new CopyOnWriteArrayList<>()).add(entry.deepCopy());
        return null;
    }

    private static String[] checkInvoice(JsonNode invoice, StoredShipment s) {
        if (!invoice.isObject()) return fail("INVALID_INVOICE", "invoice is mandatory");
        if (localDate(invoice.path("invoiceDate")) == null) return fail("INVALID_INVOICE", "invoice.invoiceDate is mandatory (yyyy-MM-dd)");
        JsonNode items = invoice.path("items");
        if (!items.isArray() || items.isEmpty()) return fail("INVALID_INVOICE", "invoice.items is mandatory");
        Map<String, Integer> expected = new HashMap<>();
        s.items.forEach(i -> expected.put(i.orderItemId(), i.quantity()));
        for (JsonNode item : items) {
            String id = item.path("orderItemId").asText("");
            Integer quantity = expected.get(id);
            if (quantity == null) return fail("INVALID_INVOICE", "orderItemId " + id + " is not part of shipment " + s.shipmentId);
            if (item.path("quantity").asInt(-1) != quantity) {
                return fail("INVALID_INVOICE", "quantity of orderItemId " + id + " must be " + quantity);
            }
        }
        return null;
    }

    SandboxResponse update(SandboxRequest request, String pathShipmentId, String sellerId) {
        JsonNode body = parse(request.body());
        String bodyId = body.path("shipmentId").asText(null);
        if (bodyId != null && !bodyId.equals(pathShipmentId)) {
            throw FlipkartError.badRequest("shipmentId in the body does not match the path", "shipmentId");
        }
        String trackingId = body.path("trackingId").asText("");
        if (trackingId.isBlank()) throw FlipkartError.badRequest("trackingId is mandatory", "trackingId");
        String bodySeller = body.path("sellerId").asText(null);
        if (bodySeller != null && !bodySeller.equals(sellerId)) throw FlipkartError.badRequest("sellerId does not match the caller", "sellerId");
        StoredShipment s = store.getForSeller(pathShipmentId, sellerId);
        if (s == null) throw FlipkartError.badRequest("Shipment " + pathShipmentId + " not found", "shipmentId");
        if (!"SELF".equals(s.shipmentType)) throw FlipkartError.badRequest("Shipment " + pathShipmentId + " is not a self-ship shipment", "shipmentId");
        synchronized (s) {
            StoredShipment.State state = s.state();
            if (!"SHIPPED".equals(state.status()) || state.dispatch() == null) {
                throw FlipkartError.badRequest("Tracking can only be updated for a dispatched shipment; " + pathShipmentId + " is " + state.status(), "shipmentId");
            }
            StoredShipment.Dispatch d = state.dispatch();
            LocalDate tentative = body.has("tentativeDeliveryDate") ? localDate(body.path("tentativeDeliveryDate")) : null;
            if (body.has("tentativeDeliveryDate") && tentative == null) {
                throw FlipkartError.badRequest("tentativeDeliveryDate must be yyyy-MM-dd", "tentativeDeliveryDate");
            }
            s.setDispatch(new StoredShipment.Dispatch(body.path("deliveryPartner").asText(d.deliveryPartner()), d.deliveryPartnerCode(),
                    trackingId, d.dispatchDate(), tentative == null ? d.tentativeDeliveryDate() : tentative.toString(), d.invoiceNumber()),
                    clock.instant());
        }
        requests.computeIfAbsent(pathShipmentId, k -> new CopyOnWriteArrayList<>()).add(body.deepCopy());
        return SandboxResponse.empty(200);
    }

    /** Accepted dispatch entries and tracking updates for the shipment, oldest first (copies). */
    List<JsonNode> requests(String shipmentId) {
        List<JsonNode> copies = new ArrayList<>();
        requests.getOrDefault(shipmentId, List.of()).forEach(n -> copies.add(n.deepCopy()));
        return copies;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = FlipkartJson.JSON.readTree(body == null || body.isBlank() ? "null" : body);
            if (node == null || !node.isObject()) throw FlipkartError.badRequest("Request body must be a JSON object", null);
            return node;
        } catch (FlipkartError e) {
            throw e;
        } catch (Exception e) {
            throw FlipkartError.badRequest("Request body is not valid JSON", null);
        }
    }

    /** yyyy-MM-dd, or the IST date of a date-time. */
    private static LocalDate localDate(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) return null;
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.ofInstant(ShipmentFilter.date(node, "date"), FlipkartJson.IST);
            } catch (FlipkartError notADate) {
                return null;
            }
        }
    }

    private static String[] fail(String code, String message) {
        return new String[]{code, message};
    }
}
