package com.marketplaceconnect.sandbox.shopify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax the {@code orders(query:)} argument supports here: terms separated by spaces
 * or {@code AND}, each {@code field:value} or {@code field:<op>value} with op {@code >= > <= <}, values optionally
 * quoted. Fields: updated_at, created_at, processed_at (ISO date-time with offset, or a date: the shop's midnight),
 * status (open, closed, cancelled, any), financial_status, fulfillment_status (unshipped, shipped, partial,
 * fulfilled, unfulfilled), name, id, email. Unknown fields are ignored, as Shopify ignores what it cannot use.
 */
final class OrderSearch {

    private static final Pattern TERM = Pattern.compile("([a-z_]+):(>=|<=|>|<|=)?(\"[^\"]*\"|'[^']*'|\\S+)");

    private OrderSearch() {
    }

    /** Thrown for a value the field cannot take (answered as a GraphQL error naming the term). */
    static final class BadQuery extends RuntimeException {
        BadQuery(String message) {
            super(message);
        }
    }

    static Predicate<ShopifyOrder> parse(String query, ZoneId zone) {
        List<Predicate<ShopifyOrder>> all = new ArrayList<>();
        if (query == null || query.isBlank()) return o -> true;
        Matcher m = TERM.matcher(query);
        while (m.find()) {
            String field = m.group(1);
            String op = m.group(2) == null ? "=" : m.group(2);
            String value = unquote(m.group(3));
            Predicate<ShopifyOrder> p = switch (field) {
                case "updated_at" -> time(ShopifyOrder::updatedAt, op, instant(value, zone, m.group()));
                case "created_at" -> time(ShopifyOrder::createdAt, op, instant(value, zone, m.group()));
                case "processed_at" -> time(ShopifyOrder::processedAt, op, instant(value, zone, m.group()));
                case "status" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "open" -> o -> !o.closed() && !o.cancelled();
                    case "closed" -> ShopifyOrder::closed;
                    case "cancelled" -> ShopifyOrder::cancelled;
                    default -> o -> true;
                };
                case "financial_status" -> o -> value.equalsIgnoreCase(o.financialStatus());
                case "fulfillment_status" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "shipped", "fulfilled" -> o -> o.displayFulfillmentStatus().equals("FULFILLED");
                    case "partial" -> o -> o.displayFulfillmentStatus().equals("PARTIALLY_FULFILLED");
                    case "unshipped", "unfulfilled" -> o -> o.displayFulfillmentStatus().equals("UNFULFILLED");
                    default -> o -> true;
                };
                case "name" -> o -> o.name().equalsIgnoreCase(value) || o.name().equalsIgnoreCase("#" + value);
                case "id" -> idTerm(op, value);
                case "email" -> o -> value.equalsIgnoreCase(o.email());
                default -> null;
            };
            if (p != null) all.add(p);
        }
        return o -> all.stream().allMatch(p -> p.test(o));
    }

    private static Predicate<ShopifyOrder> idTerm(String op, String value) {
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return o -> false;
        }
        return switch (op) {
            case ">" -> o -> o.id() > id;
            case ">=" -> o -> o.id() >= id;
            case "<" -> o -> o.id() < id;
            case "<=" -> o -> o.id() <= id;
            default -> o -> o.id() == id;
        };
    }

    private static Predicate<ShopifyOrder> time(java.util.function.Function<ShopifyOrder, Instant> get, String op, Instant t) {
        return switch (op) {
            case ">" -> o -> get.apply(o).isAfter(t);
            case ">=" -> o -> !get.apply(o).isBefore(t);
            case "<" -> o -> get.apply(o).isBefore(t);
            case "<=" -> o -> !get.apply(o).isAfter(t);
            default -> o -> get.apply(o).equals(t);
        };
    }

    /**
     * A search date: with an offset (2026-12-01T10:00:00Z, 2026-12-01T10:00:00-05:00), without one (a time of the
     * shop's zone; a space may stand for the T), or a date (the shop's midnight).
     */
    static Instant instant(String value, ZoneId zone, String term) {
        String v = value.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(v).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new BadQuery("Invalid date in search term " + term);
                }
            }
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
