package com.marketplaceconnect.sandbox.shopify;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.DataFetcherResult;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The GraphQL Admin API of the sandbox: the SDL subset in {@code sandbox/shopify/admin-schema.graphqls} made
 * executable with graphql-java, the data fetchers that read a {@link ShopifyShop}, and the mutations. Results are
 * built as maps with Shopify's field names; the schema decides what a query may ask for.
 */
final class ShopifyGraphQL {

    static final String SCHEMA_RESOURCE = "/sandbox/shopify/admin-schema.graphqls";
    private static final String DOCS = "https://shopify.dev/api/usage/access-scopes";

    /** What a request runs with: its shop, the token's scopes, the API version of the path, the cost tracker. */
    record Call(ShopifyShop shop, Set<String> scopes, String apiVersion, QueryCost.Tracker tracker) {
    }

    private final GraphQLSchema schema;
    private final GraphQL graphQL;
    private final BulkOperations bulk;

    ShopifyGraphQL(BulkOperations bulk) {
        this.bulk = bulk;
        TypeDefinitionRegistry registry;
        try (InputStream in = ShopifyGraphQL.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
            registry = new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.schema = new SchemaGenerator().makeExecutableSchema(registry, wiring());
        this.graphQL = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(exceptionHandler()).build();
    }

    GraphQLSchema schema() {
        return schema;
    }

    ExecutionResult execute(String query, String operationName, Map<String, Object> variables, Call call) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(Call.class, call, QueryCost.Tracker.class, call.tracker()))
                .build();
        return graphQL.execute(input);
    }

    /** The inner query of a bulk operation: connections without page arguments, every object. */
    ExecutionResult executeBulk(String query, Call call) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .graphQLContext(Map.of(Call.class, call, Connections.BULK, true))
                .build();
        return graphQL.execute(input);
    }

    // ------------------------------------------------------------------ wiring

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(stringScalar("DateTime", "An ISO-8601 date and time"))
                .scalar(stringScalar("Decimal", "A decimal as a string"))
                .scalar(stringScalar("URL", "A URL"))
                .scalar(stringScalar("UnsignedInt64", "An unsigned 64-bit integer as a string"))
                .scalar(jsonScalar())
                .type("Node", t -> t.typeResolver(env -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename"))))
                .type("WebhookSubscriptionEndpoint", t -> t.typeResolver(env -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename"))))
                .type("QueryRoot", t -> t
                        .dataFetcher("shop", env -> Views.shop(call(env).shop()))
                        .dataFetcher("order", this::order)
                        .dataFetcher("orders", this::orders)
                        .dataFetcher("fulfillmentOrder", this::fulfillmentOrder)
                        .dataFetcher("fulfillment", this::fulfillment)
                        .dataFetcher("webhookSubscription", env -> {
                            long id = Gids.parse(env.getArgument("id"), "WebhookSubscription");
                            ShopWebhooks.Subscription s = call(env).shop().webhooks().subscription(id);
                            return s == null ? null : Views.subscription(s);
                        })
                        .dataFetcher("webhookSubscriptions", this::webhookSubscriptions)
                        .dataFetcher("currentBulkOperation", env -> bulk.view(bulk.current(call(env).shop().domain())))
                        .dataFetcher("bulkOperation", env -> bulk.view(bulk.get(Gids.parse(env.getArgument("id"), "BulkOperation"), call(env).shop().domain()))))
                .type("Mutation", t -> t
                        .dataFetcher("fulfillmentCreate", this::fulfillmentCreate)
                        .dataFetcher("fulfillmentTrackingInfoUpdate", this::fulfillmentTrackingInfoUpdate)
                        .dataFetcher("webhookSubscriptionCreate", this::webhookSubscriptionCreate)
                        .dataFetcher("webhookSubscriptionUpdate", this::webhookSubscriptionUpdate)
                        .dataFetcher("webhookSubscriptionDelete", this::webhookSubscriptionDelete)
                        .dataFetcher("bulkOperationRunQuery", env -> {
                            BulkOperations.Started started = bulk.run(this, env.getArgument("query"), call(env));
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("bulkOperation", started.operation() == null ? null : bulk.view(started.operation()));
                            p.put("userErrors", started.userErrors());
                            return p;
                        }))
                .type("Order", t -> t
                        .dataFetcher("lineItems", env -> {
                            ShopifyOrder o = source(env, ShopifyOrder.class);
                            List<LineItem> items = o.lineItems();
                            return Connections.page(env, items, li -> new Connections.Key((long) items.indexOf(li), li.id()),
                                    li -> Views.lineItem(li, o));
                        })
                        .dataFetcher("fulfillmentOrders", env -> {
                            if (!canReadFulfillmentOrders(env)) return denied(env, "fulfillmentOrders", FO_READ);
                            ShopifyOrder o = source(env, ShopifyOrder.class);
                            boolean includeClosed = Boolean.TRUE.equals(env.getArgument("includeClosed"));
                            List<FulfillmentOrder> fos = call(env).shop().fulfillmentOrdersOf(o.id()).stream()
                                    .filter(fo -> includeClosed || !fo.status().equals("CLOSED")).toList();
                            return Connections.page(env, fos, fo -> new Connections.Key(fo.id(), fo.id()),
                                    fo -> Views.fulfillmentOrder(fo, o, call(env).shop()));
                        })
                        .dataFetcher("fulfillments", env -> {
                            ShopifyOrder o = source(env, ShopifyOrder.class);
                            Integer first = env.getArgument("first");
                            List<Object> list = new ArrayList<>();
                            for (Fulfillment f : call(env).shop().fulfillments(o.id())) {
                                if (first != null && list.size() >= first) break;
                                list.add(Views.fulfillment(f, call(env).shop()));
                            }
                            return list;
                        }))
                .type("FulfillmentOrder", t -> t
                        .dataFetcher("lineItems", env -> {
                            FulfillmentOrder fo = source(env, FulfillmentOrder.class);
                            ShopifyOrder o = call(env).shop().order(fo.orderId());
                            return Connections.page(env, fo.lines(), l -> new Connections.Key(l.id(), l.id()),
                                    l -> Views.fulfillmentOrderLine(l, o));
                        })
                        .dataFetcher("fulfillments", env -> {
                            FulfillmentOrder fo = source(env, FulfillmentOrder.class);
                            List<Fulfillment> fs = call(env).shop().fulfillments(fo.orderId()).stream()
                                    .filter(f -> f.fulfillmentOrderIds().contains(fo.id())).toList();
                            return Connections.page(env, fs, f -> new Connections.Key(f.id(), f.id()),
                                    f -> Views.fulfillment(f, call(env).shop()));
                        })
                        .dataFetcher("order", env -> {
                            FulfillmentOrder fo = source(env, FulfillmentOrder.class);
                            if (!hasScope(env, "read_orders")) return denied(env, "order", "`read_orders` access scope");
                            return Views.order(call(env).shop().order(fo.orderId()));
                        }))
                .type("Fulfillment", t -> t
                        .dataFetcher("trackingInfo", env -> {
                            Fulfillment f = source(env, Fulfillment.class);
                            Integer first = env.getArgument("first");
                            List<Object> list = new ArrayList<>();
                            for (Fulfillment.Tracking tr : f.tracking()) {
                                if (first != null && list.size() >= first) break;
                                list.add(Views.tracking(tr));
                            }
                            return list;
                        })
                        .dataFetcher("fulfillmentLineItems", env -> {
                            Fulfillment f = source(env, Fulfillment.class);
                            ShopifyOrder o = call(env).shop().order(f.orderId());
                            return Connections.page(env, f.lines(), l -> new Connections.Key(l.id(), l.id()),
                                    l -> Views.fulfillmentLine(l, o));
                        })
                        .dataFetcher("order", env -> Views.order(call(env).shop().order(source(env, Fulfillment.class).orderId()))))
                .build();
    }

    // ------------------------------------------------------------------ queries

    private Object order(DataFetchingEnvironment env) {
        if (!hasScope(env, "read_orders")) return denied(env, "order", "`read_orders` access scope");
        long id = Gids.parse(env.getArgument("id"), "Order");
        ShopifyOrder o = id < 0 ? null : call(env).shop().order(id);
        if (o == null || !visible(env, o)) return null;
        return Views.order(o);
    }

    private Object orders(DataFetchingEnvironment env) {
        if (!hasScope(env, "read_orders")) return denied(env, "orders", "`read_orders` access scope");
        ShopifyShop shop = call(env).shop();
        Predicate<ShopifyOrder> filter = OrderSearch.parse(env.getArgument("query"), shop.timezone());
        String sortKey = env.getArgument("sortKey");
        List<ShopifyOrder> matching = shop.ordersSnapshot().stream().filter(o -> visible(env, o)).filter(filter).toList();
        return Connections.page(env, matching, o -> sortKey(o, sortKey), Views::order);
    }

    /** Without read_all_orders only the last 60 days of orders are visible (shopify.dev, read_all_orders). */
    private static boolean visible(DataFetchingEnvironment env, ShopifyOrder o) {
        return hasScope(env, "read_all_orders") || call(env).shop().sinceCreated(o).toDays() < 60;
    }

    private static Connections.Key sortKey(ShopifyOrder o, String sortKey) {
        return switch (sortKey == null ? "PROCESSED_AT" : sortKey) {
            case "UPDATED_AT" -> new Connections.Key(micros(o.updatedAt()), o.id());
            case "CREATED_AT" -> new Connections.Key(micros(o.createdAt()), o.id());
            case "NUMBER", "ORDER_NUMBER" -> new Connections.Key((long) o.number(), o.id());
            case "TOTAL_PRICE" -> new Connections.Key(o.total().movePointRight(2).longValue(), o.id());
            case "FINANCIAL_STATUS" -> new Connections.Key(String.valueOf(o.financialStatus()), o.id());
            case "FULFILLMENT_STATUS" -> new Connections.Key(o.displayFulfillmentStatus(), o.id());
            case "CUSTOMER_NAME" -> new Connections.Key(o.customer() == null ? "" : o.customer().displayName(), o.id());
            case "TOTAL_ITEMS_QUANTITY" -> new Connections.Key((long) o.lineItems().stream().mapToInt(LineItem::quantity).sum(), o.id());
            case "ID", "RELEVANCE", "PO_NUMBER" -> new Connections.Key(o.id(), o.id());
            default -> new Connections.Key(micros(o.processedAt()), o.id());
        };
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private Object fulfillmentOrder(DataFetchingEnvironment env) {
        if (!canReadFulfillmentOrders(env)) return denied(env, "fulfillmentOrder", FO_READ);
        long id = Gids.parse(env.getArgument("id"), "FulfillmentOrder");
        ShopifyShop shop = call(env).shop();
        FulfillmentOrder fo = id < 0 ? null : shop.fulfillmentOrder(id);
        return fo == null ? null : Views.fulfillmentOrder(fo, shop.order(fo.orderId()), shop);
    }

    private Object fulfillment(DataFetchingEnvironment env) {
        if (!hasScope(env, "read_orders") && !canReadFulfillmentOrders(env)) return denied(env, "fulfillment", "`read_orders` access scope");
        long id = Gids.parse(env.getArgument("id"), "Fulfillment");
        ShopifyShop shop = call(env).shop();
        Fulfillment f = id < 0 ? null : shop.fulfillment(id);
        return f == null ? null : Views.fulfillment(f, shop);
    }

    private Object webhookSubscriptions(DataFetchingEnvironment env) {
        List<String> topics = env.getArgument("topics");
        String callbackUrl = env.getArgument("callbackUrl");
        List<ShopWebhooks.Subscription> subs = call(env).shop().webhooks().subscriptions().stream()
                .filter(s -> topics == null || topics.contains(WebhookTopics.toEnum(s.topic())))
                .filter(s -> callbackUrl == null || callbackUrl.equals(s.callbackUrl()))
                .toList();
        return Connections.page(env, subs, s -> new Connections.Key(s.id(), s.id()), Views::subscription);
    }

    // ------------------------------------------------------------------ mutations

    private static final String FO_READ = "`read_merchant_managed_fulfillment_orders` access scope, "
            + "`read_assigned_fulfillment_orders` access scope or `read_third_party_fulfillment_orders` access scope";

    private Object fulfillmentCreate(DataFetchingEnvironment env) {
        if (!hasScope(env, "write_merchant_managed_fulfillment_orders")) {
            return denied(env, "fulfillmentCreate", "`write_merchant_managed_fulfillment_orders` access scope");
        }
        Map<String, Object> input = env.getArgument("fulfillment");
        List<ShopifyShop.FulfillRequest> requests = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byFo = (List<Map<String, Object>>) input.get("lineItemsByFulfillmentOrder");
        for (Map<String, Object> r : byFo) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) r.get("fulfillmentOrderLineItems");
            List<ShopifyShop.LineRequest> lrs = lines == null ? null
                    : lines.stream().map(l -> new ShopifyShop.LineRequest((String) l.get("id"), (Integer) l.get("quantity"))).toList();
            requests.add(new ShopifyShop.FulfillRequest((String) r.get("fulfillmentOrderId"), lrs));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tracking = (Map<String, Object>) input.get("trackingInfo");
        boolean notify = Boolean.TRUE.equals(input.get("notifyCustomer"));
        ShopifyShop shop = call(env).shop();
        ShopifyShop.FulfillResult result = shop.createFulfillment(requests, tracking(tracking), notify, env.getArgument("message"));
        return payload("fulfillment", result.fulfillment() == null ? null : Views.fulfillment(result.fulfillment(), shop), result.userErrors());
    }

    private Object fulfillmentTrackingInfoUpdate(DataFetchingEnvironment env) {
        if (!hasScope(env, "write_merchant_managed_fulfillment_orders")) {
            return denied(env, "fulfillmentTrackingInfoUpdate", "`write_merchant_managed_fulfillment_orders` access scope");
        }
        Map<String, Object> input = env.getArgument("trackingInfoInput");
        ShopifyShop shop = call(env).shop();
        ShopifyShop.FulfillResult result = shop.updateTracking(env.getArgument("fulfillmentId"), tracking(input));
        return payload("fulfillment", result.fulfillment() == null ? null : Views.fulfillment(result.fulfillment(), shop), result.userErrors());
    }

    /** FulfillmentTrackingInput: number/url, or numbers/urls (paired by position); company for all. */
    private static List<Fulfillment.Tracking> tracking(Map<String, Object> input) {
        List<Fulfillment.Tracking> list = new ArrayList<>();
        if (input == null) return list;
        String company = (String) input.get("company");
        @SuppressWarnings("unchecked")
        List<String> numbers = (List<String>) input.get("numbers");
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) input.get("urls");
        if (numbers != null && !numbers.isEmpty()) {
            for (int i = 0; i < numbers.size(); i++) {
                list.add(new Fulfillment.Tracking(company, numbers.get(i), urls != null && i < urls.size() ? urls.get(i) : null));
            }
        } else if (input.get("number") != null || input.get("url") != null || company != null) {
            list.add(new Fulfillment.Tracking(company, (String) input.get("number"), (String) input.get("url")));
        }
        return list;
    }

    private Object webhookSubscriptionCreate(DataFetchingEnvironment env) {
        String topic = WebhookTopics.fromEnum(env.getArgument("topic"));
        Map<String, Object> input = env.getArgument("webhookSubscription");
        ShopWebhooks.Created created = call(env).shop().webhooks().create(topic, callbackUrl(input),
                input.get("format") == null ? "JSON" : (String) input.get("format"), call(env).apiVersion());
        return payload("webhookSubscription", created.subscription() == null ? null : Views.subscription(created.subscription()), created.userErrors());
    }

    private Object webhookSubscriptionUpdate(DataFetchingEnvironment env) {
        long id = Gids.parse(env.getArgument("id"), "WebhookSubscription");
        Map<String, Object> input = env.getArgument("webhookSubscription");
        ShopWebhooks.Created updated = call(env).shop().webhooks().update(id, callbackUrl(input), (String) input.get("format"));
        return payload("webhookSubscription", updated.subscription() == null ? null : Views.subscription(updated.subscription()), updated.userErrors());
    }

    private Object webhookSubscriptionDelete(DataFetchingEnvironment env) {
        String gid = env.getArgument("id");
        long id = Gids.parse(gid, "WebhookSubscription");
        boolean deleted = id > 0 && call(env).shop().webhooks().delete(id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deletedWebhookSubscriptionId", deleted ? gid : null);
        p.put("userErrors", deleted ? List.of() : List.of(Views.userError(new UserError(List.of("id"), "Webhook subscription does not exist"))));
        return p;
    }

    private static String callbackUrl(Map<String, Object> input) {
        Object uri = input.get("uri");
        return uri != null ? (String) uri : (String) input.get("callbackUrl");
    }

    private static Map<String, Object> payload(String name, Object value, List<UserError> errors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(name, value);
        p.put("userErrors", errors.stream().map(Views::userError).toList());
        return p;
    }

    // ------------------------------------------------------------------ access scopes and errors

    static Call call(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Call.class);
    }

    private static <T> T source(DataFetchingEnvironment env, Class<T> type) {
        Map<?, ?> map = env.getSource();
        return type.cast(map.get("__source"));
    }

    /** A scope granted directly, or implied by its write_ form. */
    static boolean hasScope(DataFetchingEnvironment env, String scope) {
        Set<String> scopes = call(env).scopes();
        return scopes.contains(scope) || (scope.startsWith("read_") && scopes.contains("write_" + scope.substring(5)));
    }

    private static boolean canReadFulfillmentOrders(DataFetchingEnvironment env) {
        return hasScope(env, "read_merchant_managed_fulfillment_orders") || hasScope(env, "read_assigned_fulfillment_orders")
                || hasScope(env, "read_third_party_fulfillment_orders");
    }

    /** Shopify's ACCESS_DENIED error: the field answers null, the error names the scope needed. */
    private static DataFetcherResult<Object> denied(DataFetchingEnvironment env, String field, String required) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "ACCESS_DENIED");
        ext.put("documentation", DOCS);
        ext.put("requiredAccess", required + ".");
        GraphQLError error = GraphqlErrorBuilder.newError(env)
                .message("Access denied for %s field. Required access: %s.", field, required)
                .extensions(ext)
                .build();
        return DataFetcherResult.newResult().data(null).error(error).build();
    }

    /** Page and search errors answered with their own message (not "Exception while fetching data"). */
    private static DataFetcherExceptionHandler exceptionHandler() {
        return params -> {
            Throwable e = params.getException();
            String message = e instanceof Connections.BadPage || e instanceof OrderSearch.BadQuery
                    ? e.getMessage() : "Internal error. Looks like something went wrong on our end.";
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message(message)
                    .path(params.getPath())
                    .location(params.getSourceLocation())
                    .build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        };
    }

    // ------------------------------------------------------------------ scalars

    private static GraphQLScalarType stringScalar(String name, String description) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                if (value instanceof BigDecimal d) return d.toPlainString();
                if (value instanceof Instant i) return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.SECONDS));
                return value.toString();
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return input.toString();
            }

            @Override
            public Object parseLiteral(graphql.language.Value<?> input, graphql.execution.CoercedVariables variables,
                                       GraphQLContext context, Locale locale) {
                if (input instanceof StringValue s) return s.getValue();
                if (input instanceof graphql.language.IntValue i) return i.getValue().toString();
                throw new graphql.schema.CoercingParseLiteralException("Expected a string for " + name);
            }

            @Override
            public graphql.language.Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return StringValue.of(input.toString());
            }
        }).build();
    }

    private static GraphQLScalarType jsonScalar() {
        return GraphQLScalarType.newScalar().name("JSON").description("A JSON value").coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return value;
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return input;
            }

            @Override
            public Object parseLiteral(graphql.language.Value<?> input, graphql.execution.CoercedVariables variables,
                                       GraphQLContext context, Locale locale) {
                if (input instanceof StringValue s) return s.getValue();
                return input.toString();
            }

            @Override
            public graphql.language.Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return StringValue.of(String.valueOf(input));
            }
        }).build();
    }

    @SuppressWarnings("unused")
    private static DataFetcher<Object> constant(Object value) {
        return env -> value;
    }
}
