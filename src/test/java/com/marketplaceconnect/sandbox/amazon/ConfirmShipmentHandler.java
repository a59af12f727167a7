package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /orders/v0/orders/{orderId}/shipmentConfirmation}: validates like Amazon, then records the package
 * (or edits the one with the same packageReferenceId), moves the order to SHIPPED or PARTIALLY_SHIPPED and
 * answers 204.
 */
final class ConfirmShipmentHandler {

    static final String ORDER_ITEM_ID_INVALID =
            "OrderItemId  is invalid, please obtain the value through the getOrderItems API or Manage Orders page";
    static final String PACKAGE_REFERENCE_INVALID = "PackageReferenceId: is invalid, must be a positive numeric value.";
    static final String ALREADY_FULFILLED =
            "Failed to create package due to not finding a matching package or order already fulfilled";

    private final OrderStore store;
    private final Clock clock;
    private final Map<String, List<JsonNode>> confirmations = new ConcurrentHashMap<>();

    ConfirmShipmentHandler(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    List<JsonNode> confirmations(String orderId) {
        List<JsonNode> list = confirmations.get(orderId);
        if (list == null) return List.of();
        List<JsonNode> copies = new ArrayList<>();
        for (JsonNode n : list) copies.add(n.deepCopy());
        return copies;
    }

    SandboxResponse handle(SandboxRequest request, String orderId, String sellingPartnerId) {
        StoredOrder order = store.getForSeller(orderId, sellingPartnerId);
        if (order == null) throw SpApiError.notFound("The order " + orderId + " was not found.");
        JsonNode body;
        try {
            body = SpApiResponses.JSON.readTree(request.body());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) throw SpApiError.invalidInput("Invalid Input", "The request body is not a JSON object.");

        String marketplaceId = required(body, "marketplaceId", "marketplaceId");
        JsonNode detail = body.get("packageDetail");
        if (detail == null || !detail.isObject()) throw missing("packageDetail");
        String packageReferenceId = required(detail, "packageReferenceId", "packageDetail.packageReferenceId");
        String carrierCode = required(detail, "carrierCode", "packageDetail.carrierCode");
        String trackingNumber = required(detail, "trackingNumber", "packageDetail.trackingNumber");
        String shipDateText = required(detail, "shipDate", "packageDetail.shipDate");
        JsonNode items = detail.get("orderItems");
        if (items == null || !items.isArray() || items.isEmpty()) throw missing("packageDetail.orderItems");
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (JsonNode item : items) {
            String itemId = required(item, "orderItemId", "packageDetail.orderItems.orderItemId");
            JsonNode q = item.get("quantity");
            if (q == null || q.isNull()) throw missing("packageDetail.orderItems.quantity");
            if (!q.canConvertToInt() || !q.isIntegralNumber() || q.asInt() <= 0) {
                throw SpApiError.invalidInput("Invalid Input", "packageDetail.orderItems.quantity must be a positive integer.");
            }
            quantities.merge(itemId, q.asInt(), Integer::sum);
        }
        if (!positiveNumeric(packageReferenceId)) throw SpApiError.invalidInput(PACKAGE_REFERENCE_INVALID, "");
        String carrierName = text(detail, "carrierName");
        if ("Other".equalsIgnoreCase(carrierCode) && (carrierName == null || carrierName.isBlank())) {
            throw SpApiError.invalidInput("CarrierName is required when CarrierCode is Other.", "");
        }
        Instant shipDate = IsoDates.parseOrNull(shipDateText);
        if (shipDate == null || !shipDateText.contains("T")) throw SpApiError.invalidInput("Invalid Input", "");

        if (!order.marketplace.id().equals(marketplaceId)) {
            throw SpApiError.invalidInput("The marketplaceId " + marketplaceId + " does not match the marketplace of order "
                    + orderId + ".", "");
        }
        if ("AMAZON".equals(order.fulfilledBy)) {
            throw SpApiError.invalidInput("Order " + orderId + " is fulfilled by Amazon; shipment confirmation is only "
                    + "available for seller-fulfilled orders.", "");
        }
        for (String itemId : quantities.keySet()) {
            if (order.itemIndex(itemId) < 0) throw SpApiError.invalidInput(ORDER_ITEM_ID_INVALID, "");
        }

        StoredOrder.Package pkg = new StoredOrder.Package(packageReferenceId, carrierCode, carrierName,
                text(detail, "shippingMethod"), trackingNumber, shipDate,
                clock.instant().truncatedTo(ChronoUnit.SECONDS), text(detail, "shipFromSupplySourceId"),
                quantities.entrySet().stream().map(e -> new StoredOrder.PackageItem(e.getKey(), e.getValue())).toList());
        synchronized (order) {
            String status = order.fulfillmentStatus();
            if ("CANCELLED".equals(status)) {
                throw SpApiError.invalidInput("Order " + orderId + " is cancelled and cannot be shipped.", "");
            }
            if ("PENDING".equals(status) || "PENDING_AVAILABILITY".equals(status)) {
                throw SpApiError.invalidInput("Order " + orderId + " is pending and cannot be shipped yet.", "");
            }
            boolean edit = order.packageByReference(packageReferenceId) != null;
            if (!edit && order.fullyShipped()) {
                throw new SpApiError(400, "PackageToUpdateNotFound", ALREADY_FULFILLED, "");
            }
            int[] totals = order.shippedWith(pkg);
            for (int i = 0; i < totals.length; i++) {
                StoredOrder.Item item = order.items.get(i);
                if (totals[i] > item.quantity()) {
                    throw SpApiError.invalidInput("The quantity for OrderItemId " + item.orderItemId()
                            + " exceeds the quantity that has not been shipped yet.", "");
                }
            }
            order.putPackage(pkg, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            confirmations.computeIfAbsent(orderId, k -> new CopyOnWriteArrayList<>()).add(body.deepCopy());
        }
        return SpApiResponses.noContent(SpApiOperation.CONFIRM_SHIPMENT);
    }

    private static boolean positiveNumeric(String value) {
        return value.matches("[0-9]{1,30}") && new BigInteger(value).signum() > 0;
    }

    private static String required(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null || value.isBlank()) throw missing(path);
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static SpApiError missing(String path) {
        return SpApiError.invalidInput("Missing required field: " + path + ".", "");
    }
}
