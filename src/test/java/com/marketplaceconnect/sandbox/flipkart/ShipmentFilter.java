package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of {@code POST /sellers/v3/shipments/filter}, validated like Flipkart does: {@code filter.type} is
 * required, {@code states} must belong to the type, {@code cancellationType} is required for cancelled shipments,
 * {@code hold} (pre-dispatch only) defaults to false, {@code pagination.pageSize} is 1 to 20.
 */
record ShipmentFilter(String type, Set<String> states, boolean hold, String cancellationType, Set<String> shipmentTypes,
                      Set<String> skus, String locationId, Map<String, Range> dates, String sortField, boolean ascending,
                      int pageSize) {

    static final int MAX_PAGE_SIZE = 20;
    private static final Set<String> TYPES = Set.of("preDispatch", "postDispatch", "cancelled");
    private static final Set<String> SHIPMENT_TYPES = Set.of("SELF", "NORMAL", "EXPRESS");
    private static final List<String> DATE_FILTERS = List.of("orderDate", "dispatchAfterDate", "dispatchByDate", "modifiedDate", "cancellationDate");

    record Range(Instant from, Instant to) {
        boolean contains(Instant t) {
            return t != null && (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
        }
    }

    static ShipmentFilter parse(JsonNode body) {
        if (body == null || !body.isObject()) throw FlipkartError.badRequest("Request body must be a JSON object", null);
        JsonNode filter = body.path("filter");
        if (!filter.isObject()) throw FlipkartError.badRequest("filter is mandatory", "filter");
        String type = filter.path("type").asText(null);
        if (type == null || type.isBlank()) throw FlipkartError.badRequest("filter.type is mandatory", "filter.type");
        if (!TYPES.contains(type)) {
            throw FlipkartError.badRequest("Invalid filter.type " + type + ": must be one of preDispatch, postDispatch, cancelled", "filter.type");
        }
        Set<String> states = strings(filter.path("states"), "filter.states");
        Set<String> allowed = switch (type) {
            case "preDispatch" -> StoredShipment.PRE_DISPATCH;
            case "postDispatch" -> StoredShipment.POST_DISPATCH;
            default -> Set.of();
        };
        if (states != null) {
            if ("cancelled".equals(type) && !states.isEmpty()) {
                throw FlipkartError.badRequest("filter.states is not applicable to cancelled shipments", "filter.states");
            }
            for (String s : states) {
                if (!allowed.contains(s)) {
                    throw FlipkartError.badRequest("Invalid state " + s + " for filter.type " + type + ": allowed " + allowed, "filter.states");
                }
            }
        }
        JsonNode holdNode = filter.path("hold");
        if (!holdNode.isMissingNode() && !holdNode.isNull() && !holdNode.isBoolean()) {
            throw FlipkartError.badRequest("filter.hold must be true or false", "filter.hold");
        }
        boolean hold = holdNode.asBoolean(false);
        if (hold && !"preDispatch".equals(type)) {
            throw FlipkartError.badRequest("filter.hold is applicable to preDispatch shipments only", "filter.hold");
        }
        String cancellationType = filter.path("cancellationType").asText(null);
        if ("cancelled".equals(type)) {
            if (cancellationType == null) throw FlipkartError.badRequest("filter.cancellationType is mandatory for cancelled shipments", "filter.cancellationType");
            if (!StoredShipment.CANCELLATION_TYPES.contains(cancellationType)) {
                throw FlipkartError.badRequest("Invalid filter.cancellationType " + cancellationType, "filter.cancellationType");
            }
        } else if (cancellationType != null) {
            throw FlipkartError.badRequest("filter.cancellationType is applicable to cancelled shipments only", "filter.cancellationType");
        }
        Set<String> shipmentTypes = strings(filter.path("shipmentTypes"), "filter.shipmentTypes");
        if (shipmentTypes != null) {
            for (String t : shipmentTypes) {
                if (!SHIPMENT_TYPES.contains(t)) throw FlipkartError.badRequest("Invalid shipmentType " + t, "filter.shipmentTypes");
            }
        }
        Set<String> skus = strings(filter.path("sku"), "filter.sku");
        String locationId = filter.path("locationId").asText(null);
        Map<String, Range> dates = new LinkedHashMap<>();
        for (String name : DATE_FILTERS) {
            JsonNode range = filter.path(name);
            if (range.isMissingNode() || range.isNull()) continue;
            if (!range.isObject()) throw FlipkartError.badRequest("filter." + name + " must be {from, to}", "filter." + name);
            Instant from = date(range.path("from"), "filter." + name + ".from");
            Instant to = date(range.path("to"), "filter." + name + ".to");
            if (from != null && to != null && from.isAfter(to)) {
                throw FlipkartError.badRequest("filter." + name + ".from must not be after to", "filter." + name);
            }
            dates.put(name, new Range(from, to));
        }
        JsonNode sort = body.path("sort");
        String sortField = sort.path("field").asText("dispatchByDate");
        if (!List.of("dispatchByDate", "orderDate", "modifiedDate", "dispatchAfterDate").contains(sortField)) {
            throw FlipkartError.badRequest("Invalid sort.field " + sortField, "sort.field");
        }
        String order = sort.path("order").asText("asc");
        if (!order.equals("asc") && !order.equals("desc")) throw FlipkartError.badRequest("Invalid sort.order " + order, "sort.order");
        JsonNode size = body.path("pagination").path("pageSize");
        int pageSize = size.isMissingNode() || size.isNull() ? MAX_PAGE_SIZE : size.asInt(-1);
        if (!size.isMissingNode() && !size.isNull() && !size.canConvertToInt() || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw FlipkartError.badRequest("pagination.pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + size, "pagination.pageSize");
        }
        return new ShipmentFilter(type, states, hold, cancellationType, shipmentTypes, skus, locationId, dates, sortField,
                order.equals("asc"), pageSize);
    }

    boolean matches(StoredShipment s) {
        StoredShipment.State state = s.state();
        if (!type.equals(StoredShipment.typeOf(state.status()))) return false;
        if (states != null && !states.isEmpty() && !states.contains(state.status())) return false;
        if ("preDispatch".equals(type) && state.hold() != hold) return false;
        if (cancellationType != null && !cancellationType.equals(state.cancellationType())) return false;
        if (shipmentTypes != null && !shipmentTypes.isEmpty() && !shipmentTypes.contains(s.shipmentType)) return false;
        if (locationId != null && !locationId.equals(s.locationId)) return false;
        if (skus != null && !skus.isEmpty() && s.items.stream().noneMatch(i -> skus.contains(i.sku()))) return false;
        for (Map.Entry<String, Range> e : dates.entrySet()) {
            if (!e.getValue().contains(dateOf(e.getKey(), s, state))) return false;
        }
        return true;
    }

    Comparator<StoredShipment> order() {
        Function<StoredShipment, Instant> key = s -> dateOf(sortField, s, s.state());
        Comparator<StoredShipment> c = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
        if (!ascending) c = c.reversed();
        return c.thenComparing(s -> s.shipmentId);
    }

    private static Instant dateOf(String name, StoredShipment s, StoredShipment.State state) {
        return switch (name) {
            case "orderDate" -> s.orderDate;
            case "dispatchAfterDate" -> s.dispatchAfterDate;
            case "dispatchByDate" -> s.dispatchByDate;
            case "modifiedDate" -> state.updatedAt();
            case "cancellationDate" -> state.cancellationDate();
            default -> null;
        };
    }

    private static Set<String> strings(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) return null;
        if (!node.isArray()) throw FlipkartError.badRequest(path + " must be an array", path);
        Set<String> result = new HashSet<>();
        node.forEach(n -> result.add(n.asText()));
        return result;
    }

    /** ISO date-times with an offset; a date-time without one is IST; a bare date is its start in IST. */
    static Instant date(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) return null;
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(FlipkartJson.IST).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay(FlipkartJson.IST).toInstant();
                } catch (DateTimeParseException e3) {
                    throw FlipkartError.badRequest("Invalid date " + text + " in " + path + ": use ISO 8601, e.g. 2024-05-01T10:00:00+05:30", path);
                }
            }
        }
    }
}
