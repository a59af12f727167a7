package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/api/{version}/graphql.json}: the access token (401), the version (404), the body
 * ({@code {query, variables, operationName}} JSON or an application/graphql body), parsing and validation against the
 * schema (200 with {@code errors}), the calculated cost against the shop's bucket (THROTTLED, MAX_COST_EXCEEDED),
 * execution, and {@code extensions.cost} on every GraphQL answer.
 */
final class AdminApi {

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '([^']+)' in type '([^']+)' is undefined");

    private final ShopifyGraphQL graphQL;
    private final ShopifyAuth auth;
    private final Supplier<ShopifySettings> settings;

    AdminApi(ShopifyGraphQL graphQL, ShopifyAuth auth, Supplier<ShopifySettings> settings) {
        this.graphQL = graphQL;
        this.auth = auth;
        this.settings = settings;
    }

    SandboxResponse graphql(SandboxRequest request, ShopifyShop shop, String version) {
        if (!settings.get().apiVersions().contains(version)) {
            return SandboxResponse.json(404, "{\"errors\":\"Not Found\"}");
        }
        ShopifyAuth.AccessGrant grant = auth.check(request.header("X-Shopify-Access-Token"), shop.domain());
        if (grant == null) {
            return SandboxResponse.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
        }
        return graphqlIn(request, shop, version, grant).header("X-Shopify-API-Version", version);
    }

    private SandboxResponse graphqlIn(SandboxRequest request, ShopifyShop shop, String version, ShopifyAuth.AccessGrant grant) {
        String query;
        String operationName = null;
        Map<String, Object> variables = Map.of();
        String type = request.header("content-type");
        String body = request.body() == null ? "" : request.body();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
            query = body;
        } else {
            try {
                JsonNode json = ShopifyJson.MAPPER.readTree(body);
                if (json == null || !json.isObject() || !json.path("query").isTextual()) return missingQuery();
                query = json.get("query").asText();
                if (json.path("operationName").isTextual()) operationName = json.get("operationName").asText();
                if (json.path("variables").isObject()) {
                    variables = ShopifyJson.MAPPER.convertValue(json.get("variables"), Map.class);
                }
            } catch (IOException e) {
                return missingQuery();
            }
        }
        ShopThrottle throttle = shop.throttle();
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            List<Object> errors = List.of(error(e.getMessage(), e.getLocation(), Map.of()));
            return answer(null, errors, cost(0, null, throttle.currentlyAvailable()));
        }
        List<ValidationError> invalid = new Validator().validateDocument(graphQL.schema(), document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            List<Object> errors = new ArrayList<>();
            for (ValidationError v : invalid) errors.add(validationError(v));
            return answer(null, errors, cost(0, null, throttle.currentlyAvailable()));
        }
        QueryCost.Result cost;
        try {
            cost = QueryCost.compute(graphQL.schema(), document, operationName, variables);
        } catch (RuntimeException e) {
            cost = new QueryCost.Result(1, new QueryCost.Tracker());
        }
        int max = settings.get().singleQueryMaxCost();
        if (cost.requested() > max) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "MAX_COST_EXCEEDED");
            ext.put("cost", cost.requested());
            ext.put("maxCost", max);
            ext.put("documentation", "https://shopify.dev/api/usage/rate-limits");
            return answer(null, List.of(error("Query cost is " + cost.requested() + ", which exceeds the single query max cost limit ("
                    + max + ").\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                    + "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
                    + "See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n", null, ext)),
                    cost(cost.requested(), null, throttle.currentlyAvailable()));
        }
        ShopThrottle.Charge charge = throttle.charge(cost.requested());
        if (!charge.allowed()) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "THROTTLED");
            ext.put("documentation", "https://shopify.dev/api/usage/rate-limits");
            return answer(null, List.of(error("Throttled", null, ext)), cost(cost.requested(), null, charge.currentlyAvailable()));
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(grant.scope.split(",")));
        ExecutionResult result = graphQL.execute(query, operationName, variables,
                new ShopifyGraphQL.Call(shop, scopes, version, cost.tracker()));
        int actual = Math.max(0, cost.requested() - cost.tracker().refund());
        if (!result.getErrors().isEmpty() && result.getData() == null) actual = cost.requested();
        double available = throttle.refund(cost.requested() - actual);
        Map<String, Object> spec = result.toSpecification();
        List<Object> errors = new ArrayList<>();
        if (spec.get("errors") instanceof List<?> l) errors.addAll(l);
        return answer(spec.containsKey("data") ? spec.get("data") : null, errors, cost(cost.requested(), actual, available));
    }

    private Map<String, Object> cost(int requested, Integer actual, double available) {
        ShopifySettings s = settings.get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("maximumAvailable", (double) s.maximumAvailable());
        status.put("currentlyAvailable", (int) Math.floor(available));
        status.put("restoreRate", (double) s.restoreRate());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", status);
        return cost;
    }

    private static SandboxResponse answer(Object data, List<Object> errors, Map<String, Object> cost) {
        ObjectNode out = ShopifyJson.MAPPER.createObjectNode();
        if (!errors.isEmpty()) out.set("errors", ShopifyJson.MAPPER.valueToTree(errors));
        if (data != null || errors.isEmpty()) out.set("data", ShopifyJson.MAPPER.valueToTree(data));
        if (cost != null) out.putObject("extensions").set("cost", ShopifyJson.MAPPER.valueToTree(cost));
        return SandboxResponse.json(200, ShopifyJson.write(out));
    }

    private static SandboxResponse missingQuery() {
        return SandboxResponse.json(400, "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
    }

    /** Shopify words an unknown field "Field 'x' doesn't exist on type 'Y'" with code undefinedField. */
    private static Map<String, Object> validationError(ValidationError v) {
        Matcher m = UNDEFINED_FIELD.matcher(v.getMessage());
        Map<String, Object> ext = new LinkedHashMap<>();
        String message = v.getDescription() == null ? v.getMessage() : v.getDescription();
        if (m.find()) {
            message = "Field '" + m.group(1) + "' doesn't exist on type '" + m.group(2) + "'";
            ext.put("code", "undefinedField");
            ext.put("typeName", m.group(2));
            ext.put("fieldName", m.group(1));
        } else {
            ext.put("code", String.valueOf(v.getValidationErrorType()));
        }
        Map<String, Object> e = error(message, v.getLocations() == null || v.getLocations().isEmpty() ? null : v.getLocations().get(0), ext);
        if (v.getQueryPath() != null) e.put("path", v.getQueryPath());
        return e;
    }

    private static Map<String, Object> error(String message, SourceLocation at, Map<String, Object> extensions) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        if (at != null) e.put("locations", List.of(Map.of("line", at.getLine(), "column", at.getColumn())));
        if (!extensions.isEmpty()) e.put("extensions", extensions);
        return e;
    }

    @SuppressWarnings("unused")
    private static List<GraphQLError> none() {
        return List.of();
    }
}
