package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.shipments.OrderItem;
import com.marketplaceconnect.shipments.ShipmentRejectedException;
import com.marketplaceconnect.shipments.ShipmentRules;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flipkart's shipment rules: an event may name one Flipkart shipment (marketplaceShipmentId); only self-ship shipments
 * take a tracking push, and Flipkart dispatches a shipment whole, so every shipment the parcel touches must be SELF,
 * not cancelled, and in the parcel with all its items in full. Cancelled items are left out of a whole-order parcel.
 */
@Component
public class FlipkartShipmentRules implements ShipmentRules {

    @Override
    public String marketplace() {
        return FlipkartConnector.MARKETPLACE;
    }

    @Override
    public List<OrderItem> shippable(JsonNode event, String orderId, List<OrderItem> items) {
        String shipmentId = event.path("marketplaceShipmentId").asText(null);
        if (shipmentId == null) {
            return items;
        }
        List<OrderItem> ofShipment = items.stream().filter(i -> shipmentId.equals(i.shipmentId())).toList();
        if (ofShipment.isEmpty()) {
            throw new ShipmentRejectedException(422, "marketplaceShipmentId", "Order " + orderId + " has no shipment " + shipmentId);
        }
        return ofShipment;
    }

    @Override
    public boolean leftOutOfWholeOrder(OrderItem item) {
        return "CANCELLED".equals(item.status());
    }

    @Override
    public void checkParcel(String orderId, List<OrderItem> orderItems, JsonNode parcel) {
        Map<String, Integer> inParcel = new HashMap<>();
        parcel.forEach(i -> inParcel.put(i.get("orderItemId").asText(), i.get("quantity").asInt()));
        Map<String, List<OrderItem>> shipments = new TreeMap<>();
        for (OrderItem item : orderItems) {
            if (inParcel.containsKey(item.orderItemId())) {
                if (item.shipmentId() == null) {
                    throw new ShipmentRejectedException(422, "items", "Item " + item.orderItemId() + " of order " + orderId
                            + " has no Flipkart shipment id: sync the account again");
                }
                shipments.put(item.shipmentId(), new ArrayList<>());
            }
        }
        orderItems.stream().filter(i -> i.shipmentId() != null && shipments.containsKey(i.shipmentId()))
                .forEach(i -> shipments.get(i.shipmentId()).add(i));
        for (var e : shipments.entrySet()) {
            String type = e.getValue().get(0).shipmentType();
            if (!"SELF".equals(type)) {
                throw new ShipmentRejectedException(422, "marketplaceOrderId", "Shipment " + e.getKey() + " of order " + orderId
                        + " is shipped by Flipkart's logistics (shipment type " + type + "): Flipkart picks it up and reports its "
                        + "tracking itself; only self-ship (SELF) shipments take a tracking push");
            }
            if (e.getValue().stream().anyMatch(i -> "CANCELLED".equals(i.status()))) {
                throw new ShipmentRejectedException(422, "items", "Shipment " + e.getKey() + " of order " + orderId
                        + " is cancelled: it cannot be shipped");
            }
            for (OrderItem item : e.getValue()) {
                Integer quantity = inParcel.get(item.orderItemId());
                if (quantity == null || quantity != item.quantity()) {
                    throw new ShipmentRejectedException(422, "items", "Flipkart dispatches a shipment whole: shipment " + e.getKey()
                            + " has item " + item.orderItemId() + " x" + item.quantity() + ", the parcel has "
                            + (quantity == null ? "none of it" : "x" + quantity));
                }
            }
        }
    }
}
