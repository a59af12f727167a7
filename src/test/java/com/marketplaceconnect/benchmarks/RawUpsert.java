package com.marketplaceconnect.benchmarks;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * B1's reference: the database's own limit for this data on this machine. Hand-written JDBC, no framework: per batch
 * of orders one transaction with a batched upsert of the orders (pgjdbc reWriteBatchedInserts makes it multi-row
 * INSERTs), one select of their ids, and a batched upsert of their items, with the same conflict rules as
 * upsert-orders.sql; with events, also the orders.changed outbox row per order that the service's statement writes.
 */
final class RawUpsert {
    private static final String ORDERS = """
            insert into orders as t (account_id, marketplace, marketplace_code, marketplace_order_id, status, marketplace_status,
                                     fulfilled_by, purchased_at, source_updated_at, currency, total_amount, buyer_name,
                                     ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_state,
                                     ship_to_postal_code, ship_to_country_code, ship_by, deliver_by, raw)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
            on conflict (account_id, marketplace_order_id) do update
               set marketplace_code = excluded.marketplace_code, status = excluded.status,
                   marketplace_status = excluded.marketplace_status, fulfilled_by = excluded.fulfilled_by,
                   purchased_at = excluded.purchased_at, source_updated_at = excluded.source_updated_at,
                   currency = coalesce(excluded.currency, t.currency), total_amount = coalesce(excluded.total_amount, t.total_amount),
                   buyer_name = coalesce(excluded.buyer_name, t.buyer_name), ship_to_name = coalesce(excluded.ship_to_name, t.ship_to_name),
                   ship_to_line1 = coalesce(excluded.ship_to_line1, t.ship_to_line1), ship_to_line2 = coalesce(excluded.ship_to_line2, t.ship_to_line2),
                   ship_to_city = coalesce(excluded.ship_to_city, t.ship_to_city), ship_to_state = coalesce(excluded.ship_to_state, t.ship_to_state),
                   ship_to_postal_code = coalesce(excluded.ship_to_postal_code, t.ship_to_postal_code),
                   ship_to_country_code = coalesce(excluded.ship_to_country_code, t.ship_to_country_code),
                   ship_by = coalesce(excluded.ship_by, t.ship_by), deliver_by = coalesce(excluded.deliver_by, t.deliver_by),
                   raw = excluded.raw, updated_at = now()
             where t.source_updated_at < excluded.source_updated_at
            """;
    private static final String IDS = "select marketplace_order_id, id from orders where account_id = ? and marketplace_order_id = any(?)";
    /** The orders.changed outbox row of each order (V10): the service's statement writes one per stored order too. */
    private static final String EVENTS = """
            insert into order_events (order_id, inserted, source_updated_at) values (?, true, ?)
            """;
    private static final String ITEMS = """
            insert into order_item as i (order_id, marketplace_item_id, sku, product_id, title, quantity, quantity_shipped,
                                         unit_price, currency, status, raw)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
            on conflict (order_id, marketplace_item_id) do update
               set sku = excluded.sku, product_id = excluded.product_id, title = excluded.title, quantity = excluded.quantity,
                   quantity_shipped = excluded.quantity_shipped, unit_price = coalesce(excluded.unit_price, i.unit_price),
                   currency = coalesce(excluded.currency, i.currency), status = excluded.status, raw = excluded.raw
            """;

    private RawUpsert() {
    }

    /** Stores every order and item; returns the seconds it took. */
    static double run(DataSource ds, long accountId, List<ParsedOrders.Order> orders, int batchSize) throws Exception {
        return run(ds, accountId, orders, batchSize, false);
    }

    /** As {@link #run}, with {@code withEvents} also writing each order's orders.changed outbox row, as the service does. */
    static double run(DataSource ds, long accountId, List<ParsedOrders.Order> orders, int batchSize, boolean withEvents) throws Exception {
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement po = c.prepareStatement(ORDERS); PreparedStatement pid = c.prepareStatement(IDS);
                 PreparedStatement pi = c.prepareStatement(ITEMS); PreparedStatement pe = c.prepareStatement(EVENTS)) {
                for (int from = 0; from < orders.size(); from += batchSize) {
                    List<ParsedOrders.Order> batch = orders.subList(from, Math.min(orders.size(), from + batchSize));
                    String[] ids = new String[batch.size()];
                    int k = 0;
                    for (ParsedOrders.Order order : batch) {
                        var o = order.order();
                        ids[k++] = o.marketplaceOrderId();
                        int i = 1;
                        po.setLong(i++, accountId);
                        po.setString(i++, o.marketplace());
                        po.setString(i++, o.marketplaceCode());
                        po.setString(i++, o.marketplaceOrderId());
                        po.setString(i++, o.status());
                        po.setString(i++, o.marketplaceStatus());
                        po.setString(i++, o.fulfilledBy());
                        ts(po, i++, o.purchasedAt());
                        ts(po, i++, o.sourceUpdatedAt());
                        po.setString(i++, o.total().currency());
                        po.setBigDecimal(i++, o.total().amount());
                        po.setString(i++, o.buyerName());
                        var to = o.shipTo();
                        po.setString(i++, to.name());
                        po.setString(i++, to.line1());
                        po.setString(i++, to.line2());
                        po.setString(i++, to.city());
                        po.setString(i++, to.state());
                        po.setString(i++, to.postalCode());
                        po.setString(i++, to.countryCode());
                        ts(po, i++, o.shipWindow().shipBy());
                        ts(po, i++, o.shipWindow().deliverBy());
                        po.setString(i, order.rawJson());
                        po.addBatch();
                    }
                    po.executeBatch();
                    Map<String, Long> orderIds = new HashMap<>(batch.size() * 2);
                    Array array = c.createArrayOf("text", ids);
                    pid.setLong(1, accountId);
                    pid.setArray(2, array);
                    try (ResultSet rs = pid.executeQuery()) {
                        while (rs.next()) {
                            orderIds.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    for (ParsedOrders.Order order : batch) {
                        long orderId = orderIds.get(order.order().marketplaceOrderId());
                        for (ParsedOrders.Item item : order.items()) {
                            var it = item.item();
                            int i = 1;
                            pi.setLong(i++, orderId);
                            pi.setString(i++, it.marketplaceItemId());
                            pi.setString(i++, it.sku());
                            pi.setString(i++, it.productId());
                            pi.setString(i++, it.title());
                            pi.setInt(i++, it.quantity());
                            pi.setInt(i++, it.quantityShipped());
                            pi.setBigDecimal(i++, it.unitPrice().amount());
                            pi.setString(i++, it.unitPrice().currency());
                            pi.setString(i++, it.status());
                            pi.setString(i, item.rawJson());
                            pi.addBatch();
                        }
                    }
                    pi.executeBatch();
                    if (withEvents) {
                        for (ParsedOrders.Order order : batch) {
                            pe.setLong(1, orderIds.get(order.order().marketplaceOrderId()));
                            ts(pe, 2, order.order().sourceUpdatedAt());
                            pe.addBatch();
                        }
                        pe.executeBatch();
                    }
                    c.commit();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void ts(PreparedStatement ps, int index, Instant instant) throws java.sql.SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
