package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Batch;
import com.marketplaceconnect.flipkart.FlipkartPushPlan.Event;
import com.marketplaceconnect.shipments.PermanentPushException;
import com.marketplaceconnect.shipments.ShipmentPush;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans one claim of the Flipkart self-ship push: each event's items map to the Flipkart shipments they belong to
 * ({@code order_item.shipment_id}, from the sync), read for the whole claim in one query. A new package goes out by
 * selfShip/dispatch, the due events of one account together, at most {@code shipments.flipkart.dispatch-batch-size}
 * shipments a call; a new tracking id for a package already pushed by update calls. An event with an item of no known
 * shipment, or of a shipment Flipkart's logistics ship, is refused.
 */
@Component("flipkartPushPlanner")
public class FlipkartPushPlanner {
    private final JdbcTemplate jdbc;
    private final FlipkartPushSettings settings;

    public FlipkartPushPlanner(JdbcTemplate jdbc, FlipkartPushSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** What the claim's orders hold: each item's shipment, and the account's seller id. */
    private record ItemRow(String shipmentId, String locationId, String shipmentType) {
    }

    private record Order(String sellerId, Map<String, ItemRow> items) {
    }

    /** Poll step: the claimed Flipkart rows (body) → a plan. */
    public FlipkartPushPlan plan(List<ShipmentPush> pushes) {
        Map<Long, Order> orders = orders(pushes);
        List<FlipkartPushPlan.Update> updates = new ArrayList<>();
        List<FlipkartPushPlan.Refused> refused = new ArrayList<>();
        Map<Long, List<Event>> byAccount = new LinkedHashMap<>();
        for (ShipmentPush push : pushes) {
            try {
                Event event = event(push, orders.get(push.orderId()));
                if (push.update()) {
                    updates.add(new FlipkartPushPlan.Update(event, "a new tracking id for a dispatched package"));
                } else {
                    byAccount.computeIfAbsent(push.accountId(), k -> new ArrayList<>()).add(event);
                }
            } catch (PermanentPushException e) {
                refused.add(new FlipkartPushPlan.Refused(push, e.getMessage()));
            }
        }
        List<Batch> dispatches = new ArrayList<>();
        for (var e : byAccount.entrySet()) {
            Batch batch = new Batch(e.getKey());
            for (Event event : e.getValue()) {
                if (!batch.getEvents().isEmpty() && batch.shipments() + event.shipments().size() > settings.dispatchBatchSize()) {
                    dispatches.add(batch);
                    batch = new Batch(e.getKey());
                }
                batch.getEvents().add(event);
            }
            dispatches.add(batch);
        }
        return new FlipkartPushPlan(dispatches, updates, refused);
    }

    /** One query for the claim: the items of every claimed order, with the seller id of its account. */
    private Map<Long, Order> orders(List<ShipmentPush> pushes) {
        Map<Long, Order> orders = new HashMap<>();
        if (pushes.isEmpty()) {
            return orders;
        }
        Long[] orderIds = pushes.stream().map(ShipmentPush::orderId).distinct().toArray(Long[]::new);
        jdbc.query("""
                select o.id, a.external_account_id, i.marketplace_item_id, i.shipment_id, i.location_id, i.shipment_type
                  from orders o
                  join seller_account a on a.id = o.account_id
                  left join order_item i on i.order_id = o.id
                 where o.id = any(?)
                """, rs -> {
                    Order order = orders.get(rs.getLong(1));
                    if (order == null) {
                        order = new Order(rs.getString(2), new HashMap<>());
                        orders.put(rs.getLong(1), order);
                    }
                    if (rs.getString(3) != null) {
                        order.items().put(rs.getString(3), new ItemRow(rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }, (Object) orderIds);
        return orders;
    }

    /** The event's Flipkart shipments, each with the event's items in it. */
    private static Event event(ShipmentPush push, Order order) {
        Map<String, List<JsonNode>> byShipment = new TreeMap<>();
        Map<String, ItemRow> shipments = new HashMap<>();
        for (JsonNode item : push.items()) {
            String itemId = item.path("orderItemId").asText();
            ItemRow row = order == null ? null : order.items().get(itemId);
            if (row == null || row.shipmentId() == null) {
                throw new PermanentPushException("Order item " + itemId + " of order " + push.marketplaceOrderId()
                        + " has no Flipkart shipment id: sync the account again");
            }
            if (!"SELF".equals(row.shipmentType())) {
                throw new PermanentPushException("Shipment " + row.shipmentId() + " of order " + push.marketplaceOrderId()
                        + " is of type " + row.shipmentType() + ": Flipkart's logistics ship it, only self-ship (SELF) shipments take a tracking push");
            }
            byShipment.computeIfAbsent(row.shipmentId(), k -> new ArrayList<>()).add(item);
            shipments.put(row.shipmentId(), row);
        }
        List<FlipkartPushPlan.Shipment> planned = new ArrayList<>();
        byShipment.forEach((id, items) -> planned.add(new FlipkartPushPlan.Shipment(id, shipments.get(id).locationId(), List.copyOf(items))));
        return new Event(push, order == null ? null : order.sellerId(), List.copyOf(planned));
    }
}
