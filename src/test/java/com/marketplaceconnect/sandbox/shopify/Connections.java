package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.DataFetchingEnvironment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay connections as Shopify serves them: {@code edges{cursor node}}, {@code nodes}, {@code pageInfo}. Cursors are
 * opaque base64 of {@code {"last_id":…,"last_value":…}} (keyset: stable when items are added or change between
 * pages). {@code first}/{@code last} are required, at most 250.
 */
final class Connections {

    /** A sort position: the sort value (Long or String) and the id that breaks ties. */
    record Key(Comparable<?> value, long id) {
    }

    /** A request for a page that Shopify refuses (answered as a GraphQL error). */
    static final class BadPage extends RuntimeException {
        BadPage(String message) {
            super(message);
        }
    }

    /** Context key: the query runs as a bulk operation (connections need no first/last and have no page limit). */
    static final String BULK = "bulkOperation";

    private Connections() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<Key> ORDER = (a, b) -> {
        int c = ((Comparable) a.value()).compareTo(b.value());
        return c != 0 ? c : Long.compare(a.id(), b.id());
    };

    /**
     * The page of {@code items} the environment's first/after/last/before/reverse ask for, as a connection map;
     * {@code render} turns an item into its node map. Records how many nodes it returned for the actual cost.
     */
    static <T> Map<String, Object> page(DataFetchingEnvironment env, List<T> items, Function<T, Key> key,
                                        Function<T, Object> render) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        Boolean reverse = env.getArgument("reverse");
        boolean bulk = Boolean.TRUE.equals(env.getGraphQlContext().get(BULK));
        if (first == null && last == null && !bulk) throw new BadPage("you must provide one of first or last");
        if (first != null && (first < 0 || first > 250)) throw new BadPage("The first argument must be between 0 and 250.");
        if (last != null && (last < 0 || last > 250)) throw new BadPage("The last argument must be between 0 and 250.");
        Comparator<Key> cmp = Boolean.TRUE.equals(reverse) ? ORDER.reversed() : ORDER;
        List<T> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> cmp.compare(key.apply(a), key.apply(b)));
        Key afterKey = decode(after);
        Key beforeKey = decode(before);
        List<T> window = new ArrayList<>();
        boolean itemsBefore = false;
        boolean itemsAfter = false;
        for (T t : sorted) {
            Key k = key.apply(t);
            if (afterKey != null && cmp.compare(k, afterKey) <= 0) {
                itemsBefore = true;
                continue;
            }
            if (beforeKey != null && cmp.compare(k, beforeKey) >= 0) {
                itemsAfter = true;
                continue;
            }
            window.add(t);
        }
        boolean hasNext = itemsAfter;
        boolean hasPrevious = itemsBefore;
        if (first != null && window.size() > first) {
            window = new ArrayList<>(window.subList(0, first));
            hasNext = true;
        }
        if (last != null && window.size() > last) {
            window = new ArrayList<>(window.subList(window.size() - last, window.size()));
            hasPrevious = true;
        }
        QueryCost.Tracker tracker = env.getGraphQlContext().get(QueryCost.Tracker.class);
        if (tracker != null) tracker.returned(env, first != null ? first : last, window.size());
        List<Map<String, Object>> edges = new ArrayList<>();
        List<Object> nodes = new ArrayList<>();
        for (T t : window) {
            Object node = render.apply(t);
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", encode(key.apply(t)));
            edge.put("node", node);
            edges.add(edge);
            nodes.add(node);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("nodes", nodes);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    static String encode(Key key) {
        ObjectNode o = ShopifyJson.MAPPER.createObjectNode();
        o.put("last_id", key.id());
        if (key.value() instanceof Long l) o.put("last_value", l);
        else o.put("last_value", String.valueOf(key.value()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ShopifyJson.write(o).getBytes(StandardCharsets.UTF_8));
    }

    static Key decode(String cursor) {
        if (cursor == null) return null;
        try {
            JsonNode o = ShopifyJson.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            JsonNode v = o.get("last_value");
            Comparable<?> value = v.isIntegralNumber() ? (Comparable<?>) v.asLong() : v.asText();
            return new Key(value, o.get("last_id").asLong());
        } catch (Exception e) {
            throw new BadPage("Invalid cursor for current pagination sort.");
        }
    }
}
