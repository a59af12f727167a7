package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the intake's checks need from the database: the account an event names, and the order with its items. For a
 * Kafka batch they are read for all its events at once ({@link #preload}: one query for the accounts, one for the
 * orders and items) instead of two queries per event; a question about anything not preloaded (the folder and API
 * doors, or an event the preload could not read) goes to the database on its own, with the same answer.
 */
final class ShipmentLookups {
    record Account(long id, String marketplace) {
    }

    record Order(long id, String status, String fulfilledBy) {
    }

    record OrderWithItems(Order order, List<OrderItem> items) {
    }

    private record AccountRow(long id, String marketplace, String region) {
    }

    private record ExternalKey(String marketplace, String externalAccountId) {
    }

    private record OrderKey(long accountId, String marketplaceOrderId) {
    }

    private static final String ORDER_COLUMNS = "o.id, o.status, o.fulfilled_by, i.marketplace_item_id, i.sku, i.quantity, i.status, "
            + "i.shipment_id, i.shipment_type";

    private final JdbcTemplate jdbc;
    /** Looked-up keys map to what the database had: an empty list / null = no such account or order. */
    private final Map<Long, Account> accountsById = new HashMap<>();
    private final Map<ExternalKey, List<AccountRow>> accountsByExternal = new HashMap<>();
    private final Map<OrderKey, OrderWithItems> orders = new HashMap<>();

    ShipmentLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the accounts, orders and items of these (parsed) events in two queries. Unreadable events are passed over. */
    void preload(List<JsonNode> events) {
        Set<Long> ids = new LinkedHashSet<>();
        Set<ExternalKey> externals = new LinkedHashSet<>();
        for (JsonNode event : events) {
            if (event.path("accountId").isIntegralNumber() && event.path("accountId").canConvertToLong()) {
                ids.add(event.get("accountId").asLong());
            } else if (!event.hasNonNull("accountId") && event.path("marketplace").isTextual() && event.path("externalAccountId").isTextual()) {
                externals.add(new ExternalKey(event.get("marketplace").asText(), event.get("externalAccountId").asText()));
            }
        }
        if (!ids.isEmpty() || !externals.isEmpty()) {
            ids.forEach(id -> accountsById.put(id, null));
            externals.forEach(key -> accountsByExternal.put(key, new ArrayList<>()));
            // Two index lookups (a union, not one OR, which would scan the table).
            jdbc.query("""
                    select id, marketplace, external_account_id, region from seller_account where id = any(?)
                    union
                    select id, marketplace, external_account_id, region from seller_account
                     where (marketplace, external_account_id) in (select * from unnest(?::text[], ?::text[]))
                     order by id
                    """, rs -> {
                long id = rs.getLong(1);
                String marketplace = rs.getString(2);
                if (accountsById.containsKey(id)) {
                    accountsById.put(id, new Account(id, marketplace));
                }
                List<AccountRow> rows = accountsByExternal.get(new ExternalKey(marketplace, rs.getString(3)));
                if (rows != null) {
                    rows.add(new AccountRow(id, marketplace, rs.getString(4)));
                }
            }, ids.toArray(Long[]::new), externals.stream().map(ExternalKey::marketplace).toArray(String[]::new),
                    externals.stream().map(ExternalKey::externalAccountId).toArray(String[]::new));
        }

        Set<OrderKey> keys = new LinkedHashSet<>();
        for (JsonNode event : events) {
            // Only events whose account was looked up above: anything else gets its own queries, or its rejection,
            // when it is parsed and resolved.
            boolean byId = event.path("accountId").isIntegralNumber() && event.path("accountId").canConvertToLong();
            boolean byExternal = !event.hasNonNull("accountId") && event.path("marketplace").isTextual()
                    && event.path("externalAccountId").isTextual();
            if (!event.path("marketplaceOrderId").isTextual() || !(byId || byExternal)) continue;
            try {
                keys.add(new OrderKey(account(event).id(), event.get("marketplaceOrderId").asText()));
            } catch (ShipmentRejectedException unknownAccount) {
                // The resolver rejects this event with its reason.
            }
        }
        if (keys.isEmpty()) return;
        keys.forEach(key -> orders.put(key, null));
        Map<OrderKey, OrderWithItems> found = new HashMap<>();
        jdbc.query("select o.account_id, o.marketplace_order_id, " + ORDER_COLUMNS + """
                
                  from orders o left join order_item i on i.order_id = o.id
                 where (o.account_id, o.marketplace_order_id) in (select * from unnest(?::bigint[], ?::text[]))
                 order by o.id, i.id
                """, rs -> {
            OrderKey key = new OrderKey(rs.getLong(1), rs.getString(2));
            OrderWithItems order = found.get(key);
            if (order == null) {
                order = new OrderWithItems(new Order(rs.getLong(3), rs.getString(4), rs.getString(5)), new ArrayList<>());
                found.put(key, order);
            }
            addItem(order.items(), rs, 6);
        }, keys.stream().map(OrderKey::accountId).toArray(Long[]::new), keys.stream().map(OrderKey::marketplaceOrderId).toArray(String[]::new));
        orders.putAll(found);
    }

    /** The account the (parsed) event names, or a rejection saying why there is none. */
    Account account(JsonNode event) {
        if (event.hasNonNull("accountId")) {
            // The parser made sure it fits a long (asLong() would wrap 2^64 + 5 to another seller's account 5).
            long id = event.get("accountId").asLong();
            Account account = accountsById.containsKey(id) ? accountsById.get(id)
                    : jdbc.query("select id, marketplace from seller_account where id = ?",
                            (rs, n) -> new Account(rs.getLong(1), rs.getString(2)), id).stream().findFirst().orElse(null);
            if (account == null) {
                throw new ShipmentRejectedException(422, "accountId", "Unknown account " + id);
            }
            return account;
        }
        String marketplace = event.get("marketplace").asText();
        String external = event.get("externalAccountId").asText();
        String region = event.path("region").asText(null);
        List<AccountRow> rows = accountsByExternal.get(new ExternalKey(marketplace, external));
        if (rows == null) {
            rows = jdbc.query("select id, marketplace, region from seller_account where marketplace = ? and external_account_id = ? order by id",
                    (rs, n) -> new AccountRow(rs.getLong(1), rs.getString(2), rs.getString(3)), marketplace, external);
        }
        List<AccountRow> found = region == null ? rows
                : rows.stream().filter(r -> region.toUpperCase(Locale.ROOT).equals(r.region())).toList();
        if (found.isEmpty()) {
            throw new ShipmentRejectedException(422, "externalAccountId", "Unknown account: no " + marketplace + " account "
                    + external + (region == null ? "" : " in region " + region) + " is connected");
        }
        if (found.size() > 1) {
            throw new ShipmentRejectedException(422, "region", marketplace + " account " + external
                    + " is connected in several regions: name the region or the accountId");
        }
        return new Account(found.get(0).id(), found.get(0).marketplace());
    }

    /** The synced order and its items (one row per item; an order without items has none), if there is one. */
    Optional<OrderWithItems> order(long accountId, String marketplaceOrderId) {
        OrderKey key = new OrderKey(accountId, marketplaceOrderId);
        if (orders.containsKey(key)) {
            return Optional.ofNullable(orders.get(key));
        }
        List<OrderWithItems> found = new ArrayList<>();
        jdbc.query("select " + ORDER_COLUMNS + """
                
                  from orders o left join order_item i on i.order_id = o.id
                 where o.account_id = ? and o.marketplace_order_id = ?
                 order by i.id
                """, rs -> {
            if (found.isEmpty()) found.add(new OrderWithItems(new Order(rs.getLong(1), rs.getString(2), rs.getString(3)), new ArrayList<>()));
            addItem(found.get(0).items(), rs, 4);
        }, accountId, marketplaceOrderId);
        return found.stream().findFirst();
    }

    private static void addItem(List<OrderItem> items, java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        if (rs.getString(first) != null) {
            items.add(new OrderItem(rs.getString(first), rs.getString(first + 1), rs.getInt(first + 2), rs.getString(first + 3),
                    rs.getString(first + 4), rs.getString(first + 5)));
        }
    }
}
