package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data through the real store route (direct:store-orders, the sync's own upsert): accounts and orders. */
final class StoredOrders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;

    StoredOrders(JdbcTemplate jdbc, ProducerTemplate producer) {
        this.jdbc = jdbc;
        this.producer = producer;
    }

    /** A new connected account of this marketplace (its own external id). */
    long account(String marketplace) {
        return jdbc.queryForObject("""
                insert into seller_account (marketplace, region, external_account_id, status)
                values (?, ?, ?, 'CONNECTED') returning id
                """, Long.class, marketplace, marketplace.equals("AMAZON") ? "EU" : "IN", "T-" + UUID.randomUUID());
    }

    /** An order with one item per SKU; the raw JSON names the order and its time (a new time is a new copy). */
    static CanonicalOrder order(String marketplace, String orderId, String status, Instant updated, String buyer, String... skus) {
        ObjectNode raw = JSON.createObjectNode().put("orderId", orderId).put("updated", updated.toString()).put("status", status);
        List<CanonicalOrderItem> items = new ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            ObjectNode itemRaw = JSON.createObjectNode().put("sku", skus[i]);
            items.add(new CanonicalOrderItem(orderId + "-" + i, skus[i], "P" + i, "Item " + skus[i], 2, 0,
                    new CanonicalOrder.Money(new BigDecimal("12.50"), "INR"), "OPEN", null, itemRaw, null));
        }
        return new CanonicalOrder(marketplace, "IN", orderId, status, status.toLowerCase(), CanonicalOrder.BY_SELLER,
                updated.minusSeconds(3600), updated, new CanonicalOrder.Money(new BigDecimal("25.00"), "INR"), buyer,
                new CanonicalOrder.Address(buyer, "1 Street", null, "Pune", "MH", "411001", "IN"),
                new CanonicalOrder.ShipWindow(updated.plusSeconds(86400), null), raw, items);
    }

    /** Stores the orders for the account in one upsert, as a sync does; returns the statement's answer. */
    java.util.Map<?, ?> store(long accountId, CanonicalOrder... orders) {
        Exchange result = producer.send("direct:store-orders", e -> {
            e.setProperty("accountId", accountId);
            e.setProperty(OrderBatches.ORDER_ROWS, OrderRows.of(List.of(orders)).parameters());
        });
        if (result.getException() != null) {
            throw new IllegalStateException(result.getException());
        }
        return result.getMessage().getBody(java.util.Map.class);
    }

    long id(long accountId, String orderId) {
        return jdbc.queryForObject("select id from orders where account_id = ? and marketplace_order_id = ?", Long.class,
                accountId, orderId);
    }
}
