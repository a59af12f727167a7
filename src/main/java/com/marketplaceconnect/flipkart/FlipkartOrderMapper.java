package com.marketplaceconnect.flipkart;

import static com.marketplaceconnect.orders.JsonValues.decimal;
import static com.marketplaceconnect.orders.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps Flipkart shipments to canonical orders, a pure function of what it is given. The canonical order is Flipkart's
 * {@code orderId}; its items come from every shipment of the order. A page holds only some of them, so the page's
 * shipments are merged with those already stored for the same orders (FlipkartStoredShipments reads them from
 * {@code orders.raw}, kept as {@code {orderId, shipments[]}}), shipment by shipment, the newer copy winning: two
 * shipments of one order on different pages or in different runs never overwrite each other, and the order's status
 * and time are computed from all of them.
 */
@Component("flipkartOrderMapper")
public class FlipkartOrderMapper {
    private static final Logger log = LoggerFactory.getLogger(FlipkartOrderMapper.class);
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Set<String> SHIPPED = Set.of("SHIPPED", "DELIVERED", "PICKUP_COMPLETE", "COMPLETED", "RETURN_REQUESTED", "RETURNED");
    private static final Set<String> DELIVERED = Set.of("DELIVERED", "COMPLETED");

    /** Route step: {@link #orders} as the store step's rows (exchange property orderRows). */
    public Map<String, Object> rows(List<JsonNode> shipments, Map<String, JsonNode> details, Map<String, JsonNode> stored) {
        return OrderRows.of(orders(shipments, details, stored)).parameters();
    }

    /**
     * A page's shipments, each with its details (addresses, buyer) where fetched, merged with the stored shipments of
     * their orders (by order id) → one canonical order per order. A shipment without shipmentId, orderId or
     * updatedAt is skipped.
     */
    public List<CanonicalOrder> orders(List<JsonNode> shipments, Map<String, JsonNode> details, Map<String, JsonNode> stored) {
        Map<String, List<ObjectNode>> byOrder = new LinkedHashMap<>();
        for (JsonNode shipment : shipments) {
            String orderId = orderIdOf(shipment);
            if (orderId == null || shipment.path("shipmentId").asText("").isBlank() || instant(shipment.path("updatedAt")) == null) {
                log.warn("Skipping a Flipkart shipment without shipmentId, orderId or updatedAt (shipmentId={})", shipment.path("shipmentId").asText(null));
                continue;
            }
            byOrder.computeIfAbsent(orderId, k -> new ArrayList<>()).add(withDetails(shipment, details == null ? null : details.get(shipment.path("shipmentId").asText())));
        }
        List<CanonicalOrder> orders = new ArrayList<>();
        for (Map.Entry<String, List<ObjectNode>> e : byOrder.entrySet()) {
            orders.add(map(merge(e.getKey(), stored == null ? null : stored.get(e.getKey()), e.getValue())));
        }
        return orders;
    }

    /** The order a shipment belongs to (its items' orderId), or null. */
    static String orderIdOf(JsonNode shipment) {
        String orderId = shipment.path("orderItems").path(0).path("orderId").asText("");
        return orderId.isBlank() ? null : orderId;
    }

    /** The shipment with its details (addresses, buyer, courier) under "details", without repeating the items. */
    static ObjectNode withDetails(JsonNode shipment, JsonNode details) {
        ObjectNode copy = shipment.deepCopy();
        if (details != null && details.isObject()) {
            ObjectNode d = details.deepCopy();
            d.remove("orderItems");
            copy.set("details", d);
        }
        return copy;
    }

    /**
     * {@code {orderId, shipments[]}} with every shipment known for the order, sorted by id. A shipment replaces the
     * stored copy unless that one is newer; details it lacks (cancelled shipments are fetched without) are kept.
     */
    static ObjectNode merge(String orderId, JsonNode stored, List<ObjectNode> incoming) {
        Map<String, ObjectNode> byId = new TreeMap<>();
        if (stored != null) {
            stored.path("shipments").forEach(s -> {
                if (s.isObject()) byId.put(s.path("shipmentId").asText(), (ObjectNode) s.deepCopy());
            });
        }
        for (ObjectNode s : incoming) {
            String id = s.path("shipmentId").asText();
            ObjectNode old = byId.get(id);
            if (old != null) {
                Instant oldTime = instant(old.path("updatedAt"));
                Instant newTime = instant(s.path("updatedAt"));
                if (oldTime != null && newTime != null && oldTime.isAfter(newTime)) {
                    continue; // an older copy never replaces a newer one
                }
                if (!s.has("details") && old.has("details")) {
                    s.set("details", old.get("details"));
                }
            }
            byId.put(id, s);
        }
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        order.put("orderId", orderId);
        ArrayNode array = order.putArray("shipments");
        byId.values().forEach(array::add);
        return order;
    }

    public CanonicalOrder map(JsonNode order) {
        String orderId = order.path("orderId").asText();
        List<CanonicalOrderItem> items = new ArrayList<>();
        Instant updated = null;
        Instant purchased = null;
        Instant shipBy = null;
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal cancelledTotal = BigDecimal.ZERO;
        boolean byMarketplace = false;
        JsonNode newestDetails = null;
        Instant newestDetailsTime = null;
        List<String[]> states = new ArrayList<>();      // {status, hold}
        Set<String> flipkartStatuses = new TreeSet<>();
        for (JsonNode shipment : order.path("shipments")) {
            Instant shipmentUpdated = instant(shipment.path("updatedAt"));
            updated = max(updated, shipmentUpdated);
            boolean hold = shipment.path("hold").asBoolean(false);
            Instant dispatchBy = instant(shipment.path("dispatchByDate"));
            Instant dispatchAfter = instant(shipment.path("dispatchAfterDate"));
            if (shipment.has("details") && (newestDetailsTime == null || (shipmentUpdated != null && shipmentUpdated.isAfter(newestDetailsTime)))) {
                newestDetails = shipment.get("details");
                newestDetailsTime = shipmentUpdated;
            }
            for (JsonNode item : shipment.path("orderItems")) {
                String itemId = text(item, "orderItemId");
                if (itemId == null) {
                    continue;
                }
                String status = item.path("status").asText("UNKNOWN");
                int quantity = item.path("quantity").asInt(0);
                JsonNode price = item.path("priceComponents");
                BigDecimal selling = decimal(price.path("sellingPrice"));
                BigDecimal line = decimal(price.path("totalPrice"));
                if (line != null) {
                    if ("CANCELLED".equals(status)) cancelledTotal = cancelledTotal.add(line);
                    else total = total.add(line);
                }
                if (!"CANCELLED".equals(status) && !SHIPPED.contains(status)) {
                    shipBy = min(shipBy, dispatchBy);
                }
                purchased = min(purchased, instant(item.path("orderDate")));
                byMarketplace |= item.path("serviceProfile").asText("").startsWith("FBF");
                states.add(new String[]{status, String.valueOf(hold)});
                flipkartStatuses.add(status);
                items.add(new CanonicalOrderItem(itemId, text(item, "sku"), text(item, "fsn"), text(item, "title"), quantity,
                        SHIPPED.contains(status) ? quantity : 0,
                        new CanonicalOrder.Money(selling == null || quantity == 0 ? null
                                : selling.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP), "INR"),
                        status, new CanonicalOrderItem.Shipment(text(shipment, "shipmentId"), text(shipment, "locationId"),
                                text(shipment, "shipmentType"), dispatchAfter, dispatchBy, hold),
                        item, null));
            }
        }
        items.sort(Comparator.comparing(CanonicalOrderItem::marketplaceItemId));
        JsonNode address = newestDetails == null ? null : newestDetails.path("deliveryAddress");
        JsonNode buyer = newestDetails == null ? null : newestDetails.path("buyerDetails");
        boolean allCancelled = !states.isEmpty() && states.stream().allMatch(s -> "CANCELLED".equals(s[0]));
        return new CanonicalOrder("FLIPKART", FlipkartSyncPlanner.MARKETPLACE_CODE, orderId, status(states),
                String.join(",", flipkartStatuses), byMarketplace ? CanonicalOrder.BY_MARKETPLACE : CanonicalOrder.BY_SELLER,
                purchased, updated, new CanonicalOrder.Money(allCancelled ? cancelledTotal : total, "INR"),
                buyer == null ? null : name(buyer),
                address == null ? null : new CanonicalOrder.Address(name(address), text(address, "addressLine1"),
                        join(text(address, "addressLine2"), text(address, "landmark")), text(address, "city"),
                        text(address, "state"), text(address, "pinCode"), "IN"),
                new CanonicalOrder.ShipWindow(shipBy, null), order, items);
    }

    /**
     * The order's canonical status from its items ({status, hold}): all cancelled → CANCELLED; otherwise from the
     * items not cancelled: all returned → RETURNED, all delivered → DELIVERED, all shipped → SHIPPED, some shipped →
     * PARTIALLY_SHIPPED, none shipped and every one on hold → ON_HOLD, else UNSHIPPED.
     */
    static String status(List<String[]> items) {
        List<String[]> active = items.stream().filter(s -> !"CANCELLED".equals(s[0])).toList();
        if (active.isEmpty()) {
            return items.isEmpty() ? CanonicalOrder.PENDING : CanonicalOrder.CANCELLED;
        }
        if (active.stream().allMatch(s -> "RETURNED".equals(s[0]))) return CanonicalOrder.RETURNED;
        if (active.stream().allMatch(s -> DELIVERED.contains(s[0]))) return CanonicalOrder.DELIVERED;
        long shipped = active.stream().filter(s -> SHIPPED.contains(s[0])).count();
        if (shipped == active.size()) return CanonicalOrder.SHIPPED;
        if (shipped > 0) return CanonicalOrder.PARTIALLY_SHIPPED;
        if (active.stream().allMatch(s -> Boolean.parseBoolean(s[1]))) return CanonicalOrder.ON_HOLD;
        return CanonicalOrder.UNSHIPPED;
    }

    private static String name(JsonNode person) {
        return join(text(person, "firstName"), text(person, "lastName"), " ");
    }


    private static String join(String a, String b) {
        return join(a, b, ", ");
    }

    private static String join(String a, String b, String separator) {
        if (a == null) return b;
        return b == null ? a : a + separator + b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Flipkart's date-times carry an offset (IST); one without is taken as IST. */
    static Instant instant(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(IST).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

}
