package com.marketplaceconnect.sandbox.shopify;

import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopify's calculated query cost (shopify.dev, "API rate limits", GraphQL Admin API): a scalar or enum field costs
 * 0, an object 1, a connection 2 plus its page size ({@code first} or {@code last}) times the cost of one node, a list
 * with {@code first} that many times its element; an abstract type costs its most expensive possible selection; a
 * mutation costs 10. The requested cost is computed before the query runs; the actual cost gives back the nodes a
 * connection did not return.
 */
final class QueryCost {

    static final int MUTATION_COST = 10;

    /** Per request: the node cost of each connection field, and the points to give back after execution. */
    static final class Tracker {
        private final Map<String, Integer> nodeCost = new HashMap<>();
        private int refund;

        synchronized void returned(DataFetchingEnvironment env, Integer requested, int returned) {
            if (requested == null) return;
            String coordinate = ((GraphQLNamedType) env.getParentType()).getName() + "." + env.getField().getName();
            Integer cost = nodeCost.get(coordinate);
            if (cost != null && returned < requested) refund += (requested - returned) * cost;
        }

        synchronized int refund() {
            return refund;
        }
    }

    record Result(int requested, Tracker tracker) {
    }

    private QueryCost() {
    }

    static Result compute(GraphQLSchema schema, Document document, String operationName, Map<String, Object> variables) {
        Tracker tracker = new Tracker();
        ExecutableNormalizedOperation op = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                schema, document, operationName, RawVariables.of(variables == null ? Map.of() : variables));
        List<ExecutableNormalizedField> top = op.getTopLevelFields();
        if (op.getOperation() == OperationDefinition.Operation.MUTATION) {
            return new Result(MUTATION_COST * top.size(), tracker);
        }
        int cost = 0;
        for (ExecutableNormalizedField f : top) cost += cost(schema, f, tracker);
        return new Result(cost, tracker);
    }

    private static int cost(GraphQLSchema schema, ExecutableNormalizedField field, Tracker tracker) {
        GraphQLOutputType type = field.getType(schema);
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(type);
        if (GraphQLTypeUtil.isLeaf(unwrapped)) return 0;
        String name = ((GraphQLNamedType) unwrapped).getName();
        if (name.endsWith("Connection") && unwrapped instanceof GraphQLObjectType) {
            int size = pageSize(field);
            int node = 1;
            for (ExecutableNormalizedField child : field.getChildren()) {
                if (child.getFieldName().equals("nodes")) node += children(schema, child, tracker);
                if (child.getFieldName().equals("edges")) {
                    for (ExecutableNormalizedField e : child.getChildren()) {
                        if (e.getFieldName().equals("node")) node += children(schema, e, tracker);
                    }
                }
            }
            for (String parent : field.getObjectTypeNames()) {
                synchronized (tracker) {
                    tracker.nodeCost.put(parent + "." + field.getFieldName(), node);
                }
            }
            return 2 + size * node;
        }
        int one = 1 + children(schema, field, tracker);
        if (GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList) {
            Object first = field.getResolvedArguments().get("first");
            return first instanceof Integer n ? Math.max(n, 0) * one : one;
        }
        return one;
    }

    /** The children's cost; for an abstract type the most expensive of its possible object types. */
    private static int children(GraphQLSchema schema, ExecutableNormalizedField field, Tracker tracker) {
        Set<String> types = new LinkedHashSet<>();
        for (ExecutableNormalizedField c : field.getChildren()) types.addAll(c.getObjectTypeNames());
        int max = 0;
        for (String t : types) {
            int sum = 0;
            for (ExecutableNormalizedField c : field.getChildren()) {
                if (c.getObjectTypeNames().contains(t)) sum += cost(schema, c, tracker);
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private static int pageSize(ExecutableNormalizedField field) {
        Object first = field.getResolvedArguments().get("first");
        Object last = field.getResolvedArguments().get("last");
        if (first instanceof Integer n) return Math.max(n, 0);
        if (last instanceof Integer n) return Math.max(n, 0);
        return 0;
    }
}
