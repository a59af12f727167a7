package com.marketplaceconnect.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox of the topic orders.changed (table order_events, written by the order upsert; routes/orders-changed.yaml
 * sends it). Each batch runs in one database transaction (the route is {@code transacted}): {@link #claim} locks the
 * oldest unsent rows (FOR UPDATE SKIP LOCKED: another instance skips them meanwhile) and turns each into a Kafka
 * message: key {@code <accountId>:<marketplaceOrderId>}, header {@code eventId}, body the order's canonical JSON as
 * stored when the row is claimed; once the broker acknowledged them all, {@link #sent} deletes them and the transaction
 * commits. A process that dies before that commit (after the broker took the messages, or before) leaves the rows
 * in place and unlocked: the next poll of any instance sends them again under the same eventId (at least once;
 * consumers dedupe on eventId). An event costs one insert and one delete: the table holds only what is still to send. Every time is the database's now().
 */
@Component("orderEvents")
public class OrderEvents {
    /** Exchange property: the ids of the claimed rows (long[]). */
    public static final String CLAIMED = "orderEventIds";
    /** The Kafka header naming the event (the outbox row's id). */
    public static final String EVENT_ID_HEADER = "eventId";

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final ObjectMapper json = new ObjectMapper();

    public OrderEvents(JdbcTemplate jdbc,
                       @Value("${orders.events.batch-size:1000}") int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = Math.max(1, batchSize);
    }

    private record Claimed(long id, long orderId, boolean inserted) {
    }

    /**
     * Route step, inside the batch's transaction: locks up to batch-size unsent rows in id order; the body becomes the
     * list of their messages (one per row, in that order), {@link #CLAIMED} their ids.
     */
    public void claim(Exchange exchange) {
        List<Claimed> rows = jdbc.query("""
                select id, order_id, inserted from order_events
                 order by id
                 limit ?
                   for update skip locked
                """, (rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)), batchSize);
        Map<Long, ObjectNode> orders = orders(rows.stream().map(Claimed::orderId).distinct().toArray(Long[]::new));
        List<Message> messages = new ArrayList<>(rows.size());
        for (Claimed row : rows) {
            ObjectNode order = orders.get(row.orderId());
            ObjectNode body = json.createObjectNode();
            body.put("eventId", Long.toString(row.id()));
            body.put("change", row.inserted() ? "CREATED" : "UPDATED");
            if (order != null) {
                body.setAll(order);
            }
            Message message = new DefaultMessage(exchange.getContext());
            message.setHeader(KafkaConstants.KEY, order == null ? "unknown:" + row.orderId()
                    : order.get("accountId").asText() + ":" + order.get("marketplaceOrderId").asText());
            message.setHeader(EVENT_ID_HEADER, Long.toString(row.id()));
            message.setBody(write(body));
            messages.add(message);
        }
        exchange.getMessage().setBody(messages);
        exchange.setProperty(CLAIMED, rows.stream().mapToLong(Claimed::id).toArray());
    }

    /** Route step, inside the batch's transaction, once the broker acknowledged every message of the claim: deletes its rows. */
    public void sent(Exchange exchange) {
        long[] ids = exchange.getProperty(CLAIMED, long[].class);
        if (ids != null && ids.length > 0) {
            jdbc.update("delete from order_events where id = any(?)",
                    (Object) java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
        }
    }

    /** The canonical JSON of these orders (without the marketplace's raw JSON), with their items, by order id. */
    private Map<Long, ObjectNode> orders(Long[] ids) {
        Map<Long, ObjectNode> found = new HashMap<>();
        if (ids.length == 0) {
            return found;
        }
        jdbc.query("""
                select id, account_id, marketplace, marketplace_code, marketplace_order_id, status, marketplace_status,
                       fulfilled_by, purchased_at, source_updated_at, currency, total_amount, buyer_name, ship_to_name,
                       ship_to_line1, ship_to_line2, ship_to_city, ship_to_state, ship_to_postal_code, ship_to_country_code,
                       ship_by, deliver_by
                  from orders where id = any(?)
                """, rs -> {
            ObjectNode o = json.createObjectNode();
            o.put("orderId", rs.getLong("id"));
            o.put("accountId", rs.getLong("account_id"));
            o.put("marketplace", rs.getString("marketplace"));
            o.put("marketplaceCode", rs.getString("marketplace_code"));
            o.put("marketplaceOrderId", rs.getString("marketplace_order_id"));
            o.put("status", rs.getString("status"));
            o.put("marketplaceStatus", rs.getString("marketplace_status"));
            o.put("fulfilledBy", rs.getString("fulfilled_by"));
            o.put("purchasedAt", time(rs, "purchased_at"));
            o.put("sourceUpdatedAt", time(rs, "source_updated_at"));
            ObjectNode total = o.putObject("total");
            total.put("amount", rs.getBigDecimal("total_amount"));
            total.put("currency", rs.getString("currency"));
            o.put("buyerName", rs.getString("buyer_name"));
            ObjectNode to = o.putObject("shipTo");
            to.put("name", rs.getString("ship_to_name"));
            to.put("line1", rs.getString("ship_to_line1"));
            to.put("line2", rs.getString("ship_to_line2"));
            to.put("city", rs.getString("ship_to_city"));
            to.put("state", rs.getString("ship_to_state"));
            to.put("postalCode", rs.getString("ship_to_postal_code"));
            to.put("countryCode", rs.getString("ship_to_country_code"));
            ObjectNode window = o.putObject("shipWindow");
            window.put("shipBy", time(rs, "ship_by"));
            window.put("deliverBy", time(rs, "deliver_by"));
            o.putArray("items");
            found.put(rs.getLong("id"), o);
        }, (Object) ids);
        jdbc.query("""
                select order_id, marketplace_item_id, sku, product_id, title, quantity, quantity_shipped, unit_price,
                       currency, status, shipment_id, location_id, shipment_type, dispatch_after, dispatch_by, on_hold
                  from order_item where order_id = any(?) order by order_id, marketplace_item_id
                """, rs -> {
            ObjectNode order = found.get(rs.getLong("order_id"));
            if (order == null) return;
            ObjectNode i = ((ArrayNode) order.get("items")).addObject();
            i.put("marketplaceItemId", rs.getString("marketplace_item_id"));
            i.put("sku", rs.getString("sku"));
            i.put("productId", rs.getString("product_id"));
            i.put("title", rs.getString("title"));
            i.put("quantity", rs.getInt("quantity"));
            i.put("quantityShipped", rs.getInt("quantity_shipped"));
            ObjectNode price = i.putObject("unitPrice");
            price.put("amount", rs.getBigDecimal("unit_price"));
            price.put("currency", rs.getString("currency"));
            i.put("status", rs.getString("status"));
            if (rs.getString("shipment_id") != null) {
                ObjectNode s = i.putObject("shipment");
                s.put("id", rs.getString("shipment_id"));
                s.put("locationId", rs.getString("location_id"));
                s.put("type", rs.getString("shipment_type"));
                s.put("dispatchAfter", time(rs, "dispatch_after"));
                s.put("dispatchBy", time(rs, "dispatch_by"));
                s.put("onHold", (Boolean) rs.getObject("on_hold"));
            } else {
                i.putNull("shipment");
            }
        }, (Object) ids);
        return found;
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
