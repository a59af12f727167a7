package com.marketplaceconnect.sandbox.flipkart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every shipment, by id and by seller, plus which order and order-item ids are taken. */
final class ShipmentStore {

    private final Map<String, StoredShipment> byId = new ConcurrentHashMap<>();
    private final Map<String, List<StoredShipment>> bySeller = new ConcurrentHashMap<>();
    private final Map<String, String> orderSeller = new ConcurrentHashMap<>();

    StoredShipment get(String shipmentId) {
        return shipmentId == null ? null : byId.get(shipmentId);
    }

    /** The shipment if it belongs to this seller, else null (another seller's shipment does not exist for them). */
    StoredShipment getForSeller(String shipmentId, String sellerId) {
        StoredShipment s = get(shipmentId);
        return s != null && s.sellerId.equals(sellerId) ? s : null;
    }

    /** The seller an order belongs to, or null. */
    String forSellerOfOrder(String orderId) {
        return orderId == null ? null : orderSeller.get(orderId);
    }

    boolean orderIdTaken(String orderId) {
        return orderSeller.containsKey(orderId);
    }

    synchronized void addAll(Collection<StoredShipment> shipments) {
        for (StoredShipment s : shipments) {
            if (byId.putIfAbsent(s.shipmentId, s) != null) throw new IllegalStateException("duplicate shipment id " + s.shipmentId);
            orderSeller.put(s.orderId, s.sellerId);
            List<StoredShipment> list = bySeller.computeIfAbsent(s.sellerId, k -> new ArrayList<>());
            synchronized (list) {
                list.add(s);
            }
        }
    }

    List<StoredShipment> forSeller(String sellerId) {
        List<StoredShipment> list = bySeller.get(sellerId);
        if (list == null) return List.of();
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    int count() {
        return byId.size();
    }
}
