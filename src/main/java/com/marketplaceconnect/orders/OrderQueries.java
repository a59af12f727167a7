package com.marketplaceconnect.orders;

import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.MarketplaceConnector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading stored orders: pages of orders by filter ({@link #list}) and one order with its items and shipments
 * ({@link #detail}). Used by the orders API (OrderController) and by the seller's page with the seller's own accounts.
 * <p>
 * Pages are in {@code (source_updated_at, id)} order, keyset-paginated: the cursor is the last row's key, so a page
 * is found by an index range scan however deep it is, and rows inserted meanwhile never shift the pages (an order
 * whose marketplace updated it while one pages moves behind the cursor and shows up again later, with its new time).
 * Bad filters are refused with an {@link InvalidRequestException} naming the API's query parameter.
 * <p>
 * Shipments are read from table shipment_event by SQL (this package does not depend on the shipments package).
 */
@Component
public class OrderQueries {
    public static final int DEFAULT_LIMIT = 50, MAX_LIMIT = 200, MAX_TEXT = 200;
    /** The marketplaces seller_account allows (its check constraint). */
    /** The canonical statuses (CanonicalOrder). */
    public static final List<String> STATUSES = List.of(CanonicalOrder.PENDING, CanonicalOrder.UNSHIPPED,
            CanonicalOrder.PARTIALLY_SHIPPED, CanonicalOrder.SHIPPED, CanonicalOrder.DELIVERED, CanonicalOrder.CANCELLED,
            CanonicalOrder.ON_HOLD, CanonicalOrder.UNFULFILLABLE, CanonicalOrder.RETURNED);

    private static final String SUMMARY_COLUMNS = """
            o.id, o.account_id, o.marketplace, o.marketplace_code, o.marketplace_order_id, o.status, o.marketplace_status,
            o.fulfilled_by, o.purchased_at, o.source_updated_at, o.currency, o.total_amount, o.buyer_name,
            (select count(*) from order_item i where i.order_id = o.id) as item_count, o.first_seen_at, o.updated_at
            """;
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,19}):(\\d{1,19})");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    private final Connectors connectors;

    public OrderQueries(JdbcTemplate jdbc, Connectors connectors) {
        this.jdbc = jdbc;
        this.connectors = connectors;
    }

    /** One page of the orders the filter selects; throws InvalidRequestException for a bad filter. */
    public OrderPage list(OrderFilter filter) {
        int limit = filter.limit() == 0 ? DEFAULT_LIMIT : filter.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (filter.accountIds() != null && filter.accountIds().isEmpty()) {
            return new OrderPage(List.of(), null);
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (filter.accountIds() != null) {
            where.append(" and o.account_id = any(?)");
            args.add(filter.accountIds().toArray(Long[]::new));
        }
        if (present(filter.marketplace())) {
            where.append(" and o.marketplace = ?");
            args.add(oneOf("marketplace", filter.marketplace(), connectors.all().stream().map(MarketplaceConnector::marketplace).toList()));
        }
        if (present(filter.status())) {
            where.append(" and o.status = ?");
            args.add(oneOf("status", filter.status(), STATUSES));
        }
        if (filter.updatedSince() != null) {
            where.append(" and o.source_updated_at >= ?");
            args.add(OffsetDateTime.ofInstant(filter.updatedSince(), ZoneOffset.UTC));
        }
        if (present(filter.text())) {
            String text = filter.text().trim();
            if (text.length() > MAX_TEXT) {
                throw new InvalidRequestException("q", "must be at most " + MAX_TEXT + " characters");
            }
            String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" and (o.marketplace_order_id ilike ? or o.buyer_name ilike ?"
                    + " or exists (select 1 from order_item i where i.order_id = o.id and i.sku ilike ?))");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (filter.cursor() != null && !filter.cursor().isBlank()) {
            Key after = Key.decode(filter.cursor());
            // A row comparison: answered by the (source_updated_at, id) indexes as one range (V10).
            where.append(" and (o.source_updated_at, o.id) > (?, ?)");
            args.add(OffsetDateTime.ofInstant(after.sourceUpdatedAt(), ZoneOffset.UTC));
            args.add(after.id());
        }
        args.add(limit + 1);
        List<OrderSummary> rows = jdbc.query("select " + SUMMARY_COLUMNS + " from orders o" + where
                + " order by o.source_updated_at, o.id limit ?", SUMMARY, args.toArray());
        if (rows.size() <= limit) {
            return new OrderPage(rows, null);
        }
        List<OrderSummary> page = List.copyOf(rows.subList(0, limit));
        OrderSummary last = page.get(limit - 1);
        return new OrderPage(page, new Key(last.sourceUpdatedAt(), last.id()).encode());
    }

    /** The order with its items and shipments, if it exists and (accountIds not null) belongs to one of these accounts. */
    public Optional<OrderDetail> detail(long orderId, Set<Long> accountIds) {
        List<OrderDetail> found = jdbc.query("select " + SUMMARY_COLUMNS + """
                        , o.ship_to_name, o.ship_to_line1, o.ship_to_line2, o.ship_to_city, o.ship_to_state,
                        o.ship_to_postal_code, o.ship_to_country_code, o.ship_by, o.deliver_by
                          from orders o where o.id = ?
                        """,
                (rs, n) -> new OrderDetail(SUMMARY.mapRow(rs, n),
                        new CanonicalOrder.Address(rs.getString("ship_to_name"), rs.getString("ship_to_line1"),
                                rs.getString("ship_to_line2"), rs.getString("ship_to_city"), rs.getString("ship_to_state"),
                                rs.getString("ship_to_postal_code"), rs.getString("ship_to_country_code")),
                        new CanonicalOrder.ShipWindow(instant(rs, "ship_by"), instant(rs, "deliver_by")),
                        List.of(), List.of()), orderId);
        if (found.isEmpty() || (accountIds != null && !accountIds.contains(found.get(0).order().accountId()))) {
            return Optional.empty();
        }
        OrderDetail order = found.get(0);
        List<OrderDetail.Item> items = jdbc.query("""
                select id, marketplace_item_id, sku, product_id, title, quantity, quantity_shipped, unit_price, currency,
                       status, shipment_id
                  from order_item where order_id = ? order by marketplace_item_id, id
                """, (rs, n) -> new OrderDetail.Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10),
                rs.getString(11)), orderId);
        List<OrderDetail.Shipment> shipments = jdbc.query("""
                select id, event_id, state, source, event ->> 'carrierCode', event ->> 'carrierName',
                       event ->> 'trackingNumber', items::text, attempts,
                       case when state in ('PENDING', 'IN_FLIGHT') then next_attempt_at end, last_error, reject_reason,
                       received_at, pushed_at, updated_at
                  from shipment_event where order_id = ? order by id
                """, (rs, n) -> new OrderDetail.Shipment(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), tree(rs.getString(8)), rs.getInt(9),
                instant(rs, 10), rs.getString(11), rs.getString(12), instant(rs, 13), instant(rs, 14), instant(rs, 15)), orderId);
        return Optional.of(new OrderDetail(order.order(), order.shipTo(), order.shipWindow(), items, shipments));
    }

    /** The key of a row in the list's order; its cursor is the base64url text of "epoch microseconds:id". */
    record Key(Instant sourceUpdatedAt, long id) {
        String encode() {
            long micros = Math.addExact(Math.multiplyExact(sourceUpdatedAt.getEpochSecond(), 1_000_000L),
                    sourceUpdatedAt.getNano() / 1000);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Key decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
                var m = CURSOR.matcher(text);
                if (m.matches()) {
                    long micros = Long.parseLong(m.group(1));
                    return new Key(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1000), Long.parseLong(m.group(2)));
                }
            } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
                // not a cursor of ours
            }
            throw new InvalidRequestException("cursor", "is not a cursor returned by this API (pass nextCursor as it came)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidRequestException(field, "must be one of " + allowed);
        }
        return v;
    }

    private static final RowMapper<OrderSummary> SUMMARY = (rs, n) -> new OrderSummary(rs.getLong("id"),
            rs.getLong("account_id"), rs.getString("marketplace"), rs.getString("marketplace_code"),
            rs.getString("marketplace_order_id"), rs.getString("status"), rs.getString("marketplace_status"),
            rs.getString("fulfilled_by"), instant(rs, "purchased_at"), instant(rs, "source_updated_at"),
            rs.getString("currency"), rs.getBigDecimal("total_amount"), rs.getString("buyer_name"),
            rs.getInt("item_count"), instant(rs, "first_seen_at"), instant(rs, "updated_at"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
