package com.marketplaceconnect.sandbox.shopify;

import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bulk query operations (shopify.dev, "Perform bulk operations with the GraphQL Admin API"): the query runs without
 * page arguments over every matching object and its result becomes a JSONL file, one object a line, the nodes of a
 * nested connection on their own lines with {@code __parentId}. The sandbox runs the query at once (status COMPLETED
 * when first polled) and serves the file at {@code /shopify/{shop}/bulk-operations/{id}.jsonl}, as Shopify serves a
 * signed URL that needs no token.
 */
final class BulkOperations {

    record Operation(long id, String shop, String query, Instant createdAt, Instant completedAt, String status,
                     String errorCode, long objectCount, long rootObjectCount, byte[] file) {
        String gid() {
            return Gids.of("BulkOperation", id);
        }
    }

    record Started(Operation operation, List<Map<String, Object>> userErrors) {
    }

    private final Clock clock;
    private final LongSupplier ids;
    private final Supplier<String> baseUrl;
    private final Map<Long, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Long> current = new ConcurrentHashMap<>();

    BulkOperations(Clock clock, LongSupplier ids, Supplier<String> baseUrl) {
        this.clock = clock;
        this.ids = ids;
        this.baseUrl = baseUrl;
    }

    Started run(ShopifyGraphQL graphQL, String query, ShopifyGraphQL.Call call) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return invalid("Invalid bulk query: " + e.getMessage());
        }
        if (document.getDefinitionsOfType(OperationDefinition.class).stream()
                .anyMatch(o -> o.getOperation() != OperationDefinition.Operation.QUERY)) {
            return invalid("Bulk queries cannot contain mutations; use bulkOperationRunMutation.");
        }
        ExecutionResult result = graphQL.executeBulk(query, call);
        if (!result.getErrors().isEmpty()) return invalid("Invalid bulk query: " + result.getErrors().get(0).getMessage());
        Map<String, Object> data = result.getData();
        if (data == null || data.size() != 1 || !(data.values().iterator().next() instanceof Map<?, ?> root)
                || !(root.containsKey("edges") || root.containsKey("nodes"))) {
            return invalid("Bulk queries must contain at least one connection.");
        }
        List<String> lines = new ArrayList<>();
        long roots = flatten(root, null, lines);
        StringBuilder file = new StringBuilder();
        for (String l : lines) file.append(l).append('\n');
        Instant now = clock.instant();
        Operation op = new Operation(ids.getAsLong(), call.shop().domain(), query, now, now, "COMPLETED", null,
                lines.size(), roots, file.toString().getBytes(StandardCharsets.UTF_8));
        operations.put(op.id(), op);
        current.put(call.shop().domain(), op.id());
        return new Started(op, List.of());
    }

    /** Writes the connection's nodes (and, recursively, nested connections' nodes); returns how many at this level. */
    @SuppressWarnings("unchecked")
    private static long flatten(Map<?, ?> connection, String parentId, List<String> lines) {
        List<Object> nodes = new ArrayList<>();
        if (connection.get("edges") instanceof List<?> edges) {
            for (Object e : edges) nodes.add(((Map<String, Object>) e).get("node"));
        } else if (connection.get("nodes") instanceof List<?> ns) {
            nodes.addAll(ns);
        }
        for (Object n : nodes) {
            Map<String, Object> node = new LinkedHashMap<>((Map<String, Object>) n);
            Map<String, Map<?, ?>> nested = new LinkedHashMap<>();
            node.entrySet().removeIf(e -> {
                if (e.getValue() instanceof Map<?, ?> m && (m.containsKey("edges") || m.containsKey("nodes"))) {
                    nested.put(e.getKey(), m);
                    return true;
                }
                return false;
            });
            if (parentId != null) node.put("__parentId", parentId);
            lines.add(ShopifyJson.write(node));
            Object id = node.get("id");
            for (Map<?, ?> child : nested.values()) flatten(child, id == null ? null : id.toString(), lines);
        }
        return nodes.size();
    }

    Operation current(String shop) {
        Long id = current.get(shop);
        return id == null ? null : operations.get(id);
    }

    Operation get(long id, String shop) {
        Operation op = operations.get(id);
        return op == null || !op.shop().equals(shop) ? null : op;
    }

    Map<String, Object> view(Operation op) {
        if (op == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "BulkOperation");
        m.put("id", op.gid());
        m.put("status", op.status());
        m.put("type", "QUERY");
        m.put("errorCode", op.errorCode());
        m.put("createdAt", op.createdAt());
        m.put("completedAt", op.completedAt());
        m.put("objectCount", Long.toString(op.objectCount()));
        m.put("rootObjectCount", Long.toString(op.rootObjectCount()));
        m.put("fileSize", op.objectCount() == 0 ? null : Long.toString(op.file().length));
        m.put("url", op.objectCount() == 0 ? null : baseUrl.get() + "/shopify/" + op.shop() + "/bulk-operations/" + op.id() + ".jsonl");
        m.put("partialDataUrl", null);
        m.put("query", op.query());
        return m;
    }

    private static Started invalid(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", "INVALID");
        e.put("field", List.of("query"));
        e.put("message", message);
        return new Started(null, List.of(e));
    }
}
