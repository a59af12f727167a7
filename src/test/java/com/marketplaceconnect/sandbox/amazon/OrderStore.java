package com.marketplaceconnect.sandbox.amazon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All orders, by id and by selling partner. */
final class OrderStore {

    private final Map<String, StoredOrder> byId = new ConcurrentHashMap<>();
    private final Map<String, List<StoredOrder>> bySeller = new ConcurrentHashMap<>();

    boolean exists(String orderId) {
        return byId.containsKey(orderId);
    }

    StoredOrder get(String orderId) {
        return orderId == null ? null : byId.get(orderId);
    }

    /** The order if it belongs to this seller, else null (another seller's order does not exist for them). */
    StoredOrder getForSeller(String orderId, String sellingPartnerId) {
        StoredOrder order = get(orderId);
        return order != null && order.sellingPartnerId.equals(sellingPartnerId) ? order : null;
    }

    void addAll(Collection<StoredOrder> orders) {
        for (StoredOrder order : orders) {
            if (byId.putIfAbsent(order.orderId, order) != null) {
                throw new IllegalStateException("duplicate order id " + order.orderId);
            }
            List<StoredOrder> list = bySeller.computeIfAbsent(order.sellingPartnerId, k -> new ArrayList<>());
            synchronized (list) {
                list.add(order);
            }
        }
    }

    /** A copy of the seller's orders. */
    List<StoredOrder> forSeller(String sellingPartnerId) {
        List<StoredOrder> list = bySeller.get(sellingPartnerId);
        if (list == null) return List.of();
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    int count() {
        return byId.size();
    }
}
