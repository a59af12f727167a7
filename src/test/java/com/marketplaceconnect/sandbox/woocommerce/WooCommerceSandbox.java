package com.marketplaceconnect.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.http.FormCodec;
import com.marketplaceconnect.sandbox.http.Html;
import com.marketplaceconnect.sandbox.http.Router;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Self-hosted WooCommerce stores, several at once, each under {@code <sandbox>/woocommerce/<store>} (the store URL a
 * seller types). Built from the documented REST API v3 (woocommerce-rest-api-docs) and class-wc-auth.php /
 * class-wc-webhook.php:
 * <ul>
 *   <li>{@code GET wc-auth/v1/authorize} (the app authorization page; the shop manager is taken as logged in) →
 *       {@code access_granted}: keys created, POSTed as JSON to callback_url (which must answer 200, else the key is
 *       deleted), then the browser goes to {@code return_url?success=1&user_id=…}; {@code access_denied}: success=0;</li>
 *   <li>{@code /wp-json/wc/v3/orders} (list with paging headers, modified_after/before, dates_are_gmt, orderby,
 *       order, status), {@code orders/{id}} GET/PUT, {@code orders/{id}/notes} GET/POST;</li>
 *   <li>{@code /wp-json/wc/v3/webhooks} GET/POST, {@code webhooks/{id}} GET/PUT/DELETE (force=true), signed deliveries;</li>
 *   <li>{@code /wp-json/wc-shipment-tracking/v3/orders/{id}/shipment-trackings} GET/POST on stores with the extension,
 *       {@code 404 rest_no_route} elsewhere.</li>
 * </ul>
 * Auth is HTTP Basic with the key (or {@code consumer_key}/{@code consumer_secret} in the query), as a store served
 * over HTTPS (here: behind a TLS-terminating proxy) accepts it. Errors are WordPress's {@code {code, message, data:{status}}}.
 */
public final class WooCommerceSandbox implements AutoCloseable {
    private static final Pattern STORE_PATH = Pattern.compile("/woocommerce/([A-Za-z0-9_-]+)(/.*)?");
    private static final Set<String> STATUSES = Set.of("pending", "processing", "on-hold", "completed", "cancelled",
            "refunded", "failed", "trash", "checkout-draft");
    private static final Set<String> ORDER_BY = Set.of("date", "id", "include", "title", "slug", "modified");

    private final Clock clock;
    private final Map<String, WooStore> stores = new ConcurrentHashMap<>();
    private final WooWebhooks webhooks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Map<String, String>> nonces = new ConcurrentHashMap<>();
    private volatile String baseUrl = "http://127.0.0.1";

    public WooCommerceSandbox(SandboxSettings settings, Router router) {
        this.clock = settings.clock();
        this.webhooks = new WooWebhooks(clock);
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            router.add(method, STORE_PATH.pattern(), this::handle);
        }
    }

    /** Set by MarketplaceSandbox once its server listens. */
    public void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        stores.values().forEach(s -> s.url(baseUrl + "/woocommerce/" + s.name()));
    }

    // --- Java API for tests ----------------------------------------------------------------------------------------

    /** A new store; with the Shipment Tracking extension or without. Its site timezone is UTC-3 (as the docs' example). */
    public WooStore createStore(String name, boolean shipmentTracking) {
        WooStore store = new WooStore(name, clock, shipmentTracking, ZoneOffset.ofHours(-3), webhooks);
        store.url(baseUrl + "/woocommerce/" + name);
        if (stores.putIfAbsent(name, store) != null) throw new IllegalArgumentException("store " + name + " exists");
        return store;
    }

    public WooStore store(String name) {
        WooStore s = stores.get(name);
        if (s == null) throw new IllegalArgumentException("no store " + name);
        return s;
    }

    /** Sends a delivery again exactly as before (same delivery id and signature): a duplicate. Returns the status. */
    public int redeliver(WooStore store, WooStore.Delivery delivery) throws Exception {
        return webhooks.redeliver(store, delivery);
    }

    /** The demo store of the local run: 40 orders of the last 20 days, the Shipment Tracking extension installed. */
    public WooStore seedDemo(Instant now) {
        WooStore store = stores.containsKey("demo-store") ? store("demo-store") : createStore("demo-store", true);
        if (store.orderIds().isEmpty()) {
            store.seedOrders(40, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), 16);
        }
        return store;
    }

    @Override
    public void close() {
        webhooks.close();
    }

    // --- HTTP ----------------------------------------------------------------------------------------------------

    private SandboxResponse handle(SandboxRequest request, Matcher path) {
        WooStore store = stores.get(path.group(1));
        String rest = path.group(2) == null ? "/" : path.group(2);
        if (store == null) {
            return SandboxResponse.html(404, Html.page("Not found", "<p>No site here.</p>"));
        }
        if (rest.startsWith("/wc-auth/v1/")) {
            return auth(store, request, rest.substring("/wc-auth/v1/".length()));
        }
        if (rest.equals("/wp-json") || rest.equals("/wp-json/")) {
            return SandboxResponse.json(200, "{\"name\":\"" + store.name() + "\",\"url\":\"" + store.url()
                    + "\",\"namespaces\":[\"wp/v2\",\"wc/v3\"" + (store.hasShipmentTracking() ? ",\"wc-shipment-tracking/v3\"" : "") + "]}");
        }
        if (!rest.startsWith("/wp-json/")) {
            return SandboxResponse.html(200, Html.page(store.name(), "<p>Just another WordPress site</p>"));
        }
        String route = rest.substring("/wp-json".length());
        boolean core = route.startsWith("/wc/v3/");
        boolean tracking = route.startsWith("/wc-shipment-tracking/v3/") && store.hasShipmentTracking();
        if (!core && !tracking) {
            return noRoute();
        }
        WooStore.Key key = authenticate(store, request);
        if (key == null) {
            return unauthenticated(store, request);
        }
        boolean write = !request.method().equals("GET");
        if (write && key.permissions().equals("read")) {
            return error(401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions.");
        }
        if (!write && key.permissions().equals("write")) {
            return error(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions.");
        }
        return core ? wc(store, request, route.substring("/wc/v3".length())) : shipmentTracking(store, request, route);
    }

    /** Basic auth (header, or the query-string fallback for servers that strip Authorization). Null: not authenticated. */
    private WooStore.Key authenticate(WooStore store, SandboxRequest request) {
        String ck = request.queryParam("consumer_key");
        String cs = request.queryParam("consumer_secret");
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    ck = pair.substring(0, colon);
                    cs = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // not base64: no credentials
            }
        }
        if (ck == null || cs == null) return null;
        WooStore.Key key = store.key(ck);
        if (key == null || !constantTimeEquals(key.consumerSecret(), cs)) return null;
        return key;
    }

    private SandboxResponse unauthenticated(WooStore store, SandboxRequest request) {
        String ck = request.queryParam("consumer_key");
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                ck = pair.contains(":") ? pair.substring(0, pair.indexOf(':')) : pair;
            } catch (IllegalArgumentException ignored) {
                ck = null;
            }
        }
        if (ck == null) {
            return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        }
        if (store.key(ck) == null) {
            return error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }
        return error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
    }

    private SandboxResponse wc(WooStore store, SandboxRequest request, String route) {
        String m = request.method();
        Matcher match;
        if (route.equals("/orders")) {
            return m.equals("GET") ? listOrders(store, request) : noRoute();
        }
        if ((match = Pattern.compile("/orders/(\\d+)").matcher(route)).matches()) {
            long id = Long.parseLong(match.group(1));
            if (store.order(id) == null) return error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
            return switch (m) {
                case "GET" -> SandboxResponse.json(200, store.order(id).toString());
                case "PUT", "POST" -> updateOrder(store, id, request);
                default -> noRoute();
            };
        }
        if ((match = Pattern.compile("/orders/(\\d+)/notes").matcher(route)).matches()) {
            long id = Long.parseLong(match.group(1));
            if (store.order(id) == null) return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
            if (m.equals("GET")) {
                ArrayNode a = WooStore.JSON.createArrayNode();
                List<ObjectNode> notes = new ArrayList<>(store.notes(id));
                java.util.Collections.reverse(notes);
                notes.forEach(a::add);
                return SandboxResponse.json(200, a.toString());
            }
            if (!m.equals("POST")) return noRoute();
            JsonNode body = json(request.body());
            if (body == null) return error(400, "rest_invalid_json", "Invalid JSON body passed.");
            if (!body.hasNonNull("note") || body.get("note").asText().isBlank()) {
                return error(400, "rest_missing_callback_param", "Missing parameter(s): note");
            }
            ObjectNode note = store.addNote(id, body.get("note").asText(), body.path("customer_note").asBoolean(false),
                    body.path("added_by_user").asBoolean(false));
            return SandboxResponse.json(201, note.toString())
                    .header("Location", store.url() + "/wp-json/wc/v3/orders/" + id + "/notes/" + note.get("id").asLong());
        }
        if (route.equals("/webhooks")) {
            return switch (m) {
                case "GET" -> listWebhooks(store, request);
                case "POST" -> createWebhook(store, request);
                default -> noRoute();
            };
        }
        if ((match = Pattern.compile("/webhooks/(\\d+)").matcher(route)).matches()) {
            long id = Long.parseLong(match.group(1));
            ObjectNode w = webhooks.get(store, id);
            if (w == null) return error(404, "woocommerce_rest_shop_webhook_invalid_id", "Invalid ID.");
            switch (m) {
                case "GET":
                    return SandboxResponse.json(200, w.toString());
                case "PUT":
                case "POST": {
                    JsonNode body = json(request.body());
                    if (body == null || !body.isObject()) return error(400, "rest_invalid_json", "Invalid JSON body passed.");
                    if (body.hasNonNull("status") && !Set.of("active", "paused", "disabled").contains(body.get("status").asText())) {
                        return error(400, "rest_invalid_param", "Invalid parameter(s): status");
                    }
                    return SandboxResponse.json(200, webhooks.update(store, id, (ObjectNode) body).toString());
                }
                case "DELETE":
                    if (!"true".equals(request.queryParam("force"))) {
                        return error(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
                    }
                    return SandboxResponse.json(200, webhooks.delete(store, id).toString());
                default:
                    return noRoute();
            }
        }
        return noRoute();
    }

    private SandboxResponse listOrders(WooStore store, SandboxRequest request) {
        int page;
        int perPage;
        try {
            page = Integer.parseInt(orDefault(request.queryParam("page"), "1"));
            perPage = Integer.parseInt(orDefault(request.queryParam("per_page"), "10"));
        } catch (NumberFormatException e) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): page, per_page");
        }
        if (page < 1) return error(400, "rest_invalid_param", "Invalid parameter(s): page");
        if (perPage < 1 || perPage > 100) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): per_page (per_page must be between 1 (inclusive) and 100 (inclusive))");
        }
        String orderBy = orDefault(request.queryParam("orderby"), "date");
        if (!ORDER_BY.contains(orderBy)) return error(400, "rest_invalid_param", "Invalid parameter(s): orderby");
        String order = orDefault(request.queryParam("order"), "desc");
        if (!order.equals("asc") && !order.equals("desc")) return error(400, "rest_invalid_param", "Invalid parameter(s): order");
        boolean gmt = "true".equals(request.queryParam("dates_are_gmt")) || "1".equals(request.queryParam("dates_are_gmt"));
        Instant modifiedAfter;
        Instant modifiedBefore;
        Instant after;
        Instant before;
        try {
            modifiedAfter = date(request.queryParam("modified_after"), gmt, store);
            modifiedBefore = date(request.queryParam("modified_before"), gmt, store);
            after = date(request.queryParam("after"), gmt, store);
            before = date(request.queryParam("before"), gmt, store);
        } catch (DateTimeParseException e) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): modified_after, modified_before, after, before (must be ISO 8601 dates)");
        }
        List<String> statuses = request.queryList("status") == null ? List.of("any") : request.queryList("status");
        if (request.queryList("status[]") != null) statuses = request.queryList("status[]");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode o : store.allOrders()) {
            String status = o.path("status").asText();
            boolean statusOk = statuses.contains("any") ? !status.equals("trash") && !status.equals("checkout-draft") : statuses.contains(status);
            if (!statusOk) continue;
            Instant modified = WooOrders.gmtInstant(o.path("date_modified_gmt").asText());
            Instant created = WooOrders.gmtInstant(o.path("date_created_gmt").asText());
            // WP_Date_Query with inclusive false: strictly after / before.
            if (modifiedAfter != null && !modified.isAfter(modifiedAfter)) continue;
            if (modifiedBefore != null && !modified.isBefore(modifiedBefore)) continue;
            if (after != null && !created.isAfter(after)) continue;
            if (before != null && !created.isBefore(before)) continue;
            matching.add(o);
        }
        Comparator<ObjectNode> by = switch (orderBy) {
            case "modified" -> Comparator.comparing((ObjectNode o) -> o.path("date_modified_gmt").asText());
            case "id", "include" -> Comparator.comparingLong((ObjectNode o) -> o.path("id").asLong());
            default -> Comparator.comparing((ObjectNode o) -> o.path("date_created_gmt").asText());
        };
        by = by.thenComparingLong(o -> o.path("id").asLong());
        matching.sort(order.equals("asc") ? by : by.reversed());
        int total = matching.size();
        int totalPages = (total + perPage - 1) / perPage;
        ArrayNode pageArray = WooStore.JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) pageArray.add(matching.get(i));
        SandboxResponse response = SandboxResponse.json(200, pageArray.toString())
                .header("X-WP-Total", String.valueOf(total))
                .header("X-WP-TotalPages", String.valueOf(totalPages));
        List<String> links = new ArrayList<>();
        String base = store.url() + "/wp-json/wc/v3/orders";
        if (page > 1) links.add("<" + base + "?" + withPage(request, page - 1) + ">; rel=\"prev\"");
        if (page < totalPages) links.add("<" + base + "?" + withPage(request, page + 1) + ">; rel=\"next\"");
        if (!links.isEmpty()) response.header("Link", String.join(", ", links));
        return response;
    }

    private static String withPage(SandboxRequest request, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        request.query().forEach((k, v) -> {
            if (!k.equals("consumer_key") && !k.equals("consumer_secret") && !v.isEmpty()) params.put(k, v.get(0));
        });
        params.put("page", String.valueOf(page));
        return FormCodec.appendQuery("", params).replaceFirst("^\\?", "");
    }

    /** An ISO 8601 date parameter: with an offset as given; without, GMT when dates_are_gmt, else the site's time. */
    private static Instant date(String value, boolean gmt, WooStore store) {
        if (value == null || value.isBlank()) return null;
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            LocalDateTime local = LocalDateTime.parse(value);
            return local.toInstant(gmt ? ZoneOffset.UTC : store.siteOffset());
        }
    }

    private SandboxResponse updateOrder(WooStore store, long id, SandboxRequest request) {
        JsonNode body = json(request.body());
        if (body == null || !body.isObject()) return error(400, "rest_invalid_json", "Invalid JSON body passed.");
        if (body.hasNonNull("status") && !STATUSES.contains(body.get("status").asText())) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): status (status is not one of pending, processing, "
                    + "on-hold, completed, cancelled, refunded, failed, and checkout-draft.)");
        }
        return SandboxResponse.json(200, store.update(id, body).toString());
    }

    private SandboxResponse listWebhooks(WooStore store, SandboxRequest request) {
        String status = orDefault(request.queryParam("status"), "all");
        ArrayNode a = WooStore.JSON.createArrayNode();
        webhooks.list(store).stream().filter(w -> status.equals("all") || status.equals(w.path("status").asText())).forEach(a::add);
        return SandboxResponse.json(200, a.toString()).header("X-WP-Total", String.valueOf(a.size()))
                .header("X-WP-TotalPages", a.isEmpty() ? "0" : "1");
    }

    private SandboxResponse createWebhook(WooStore store, SandboxRequest request) {
        JsonNode body = json(request.body());
        if (body == null || !body.isObject()) return error(400, "rest_invalid_json", "Invalid JSON body passed.");
        List<String> missing = new ArrayList<>();
        if (!body.hasNonNull("topic")) missing.add("topic");
        if (!body.hasNonNull("delivery_url")) missing.add("delivery_url");
        if (!missing.isEmpty()) return error(400, "rest_missing_callback_param", "Missing parameter(s): " + String.join(", ", missing));
        String topic = body.get("topic").asText();
        if (!WooWebhooks.TOPICS.contains(topic)) {
            return error(400, "woocommerce_rest_webhook_invalid_topic", "Webhook topic is required and must be valid.");
        }
        String url = body.get("delivery_url").asText();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): delivery_url");
        }
        String status = body.hasNonNull("status") ? body.get("status").asText() : "active";
        if (!Set.of("active", "paused", "disabled").contains(status)) return error(400, "rest_invalid_param", "Invalid parameter(s): status");
        ObjectNode w = webhooks.create(store, body.path("name").asText(null), topic, url, body.path("secret").asText(null), status);
        return SandboxResponse.json(201, w.toString())
                .header("Location", store.url() + "/wp-json/wc/v3/webhooks/" + w.get("id").asLong());
    }

    private SandboxResponse shipmentTracking(WooStore store, SandboxRequest request, String route) {
        Matcher match = Pattern.compile("/wc-shipment-tracking/v3/orders/(\\d+)/shipment-trackings").matcher(route);
        if (!match.matches()) return noRoute();
        long id = Long.parseLong(match.group(1));
        if (store.order(id) == null) return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
        if (request.method().equals("GET")) return SandboxResponse.json(200, store.trackingsArray(id).toString());
        if (!request.method().equals("POST")) return noRoute();
        JsonNode body = json(request.body());
        if (body == null || !body.isObject()) return error(400, "rest_invalid_json", "Invalid JSON body passed.");
        if (!body.hasNonNull("tracking_number") || body.get("tracking_number").asText().isBlank()) {
            return error(400, "rest_missing_callback_param", "Missing parameter(s): tracking_number");
        }
        ObjectNode t = WooStore.JSON.createObjectNode();
        String provider = body.path("tracking_provider").asText("");
        String custom = body.path("custom_tracking_provider").asText("");
        String number = body.get("tracking_number").asText();
        t.put("tracking_provider", provider.isBlank() ? custom : provider);
        // A tracking_link sent with a predefined provider is ignored (the provider's own link is used).
        String link = provider.isBlank() ? body.path("custom_tracking_link").asText("").replace("%1$s", number)
                : "https://tracking.example/" + provider.toLowerCase() + "/" + number;
        t.put("tracking_link", link);
        t.put("tracking_number", number);
        String shipped = body.path("date_shipped").asText("");
        t.put("date_shipped", shipped.isBlank() ? LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toLocalDate().toString() : shipped);
        ObjectNode created = store.addTracking(id, t);
        return SandboxResponse.json(201, created.toString()).header("Location", store.url()
                + "/wp-json/wc-shipment-tracking/v3/orders/" + id + "/shipment-trackings/" + created.get("tracking_id").asText());
    }

    // --- wc-auth ---------------------------------------------------------------------------------------------------

    private SandboxResponse auth(WooStore store, SandboxRequest request, String endpoint) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : List.of("app_name", "scope", "user_id", "return_url", "callback_url")) {
            p.put(name, request.queryParam(name));
        }
        // make_validation(): every parameter present, scope known, both URLs valid, callback_url over SSL.
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                return accessDenied("Missing parameter " + e.getKey());
            }
        }
        if (!Set.of("read", "write", "read_write").contains(p.get("scope"))) {
            return accessDenied("Invalid scope " + p.get("scope"));
        }
        for (String url : List.of("return_url", "callback_url")) {
            if (!validUrl(p.get(url))) return accessDenied("The " + url + " is not a valid URL");
        }
        if (!p.get("callback_url").startsWith("https://") && !store.acceptsPlainHttpCallbacks()) {
            return accessDenied("The callback_url needs to be over SSL");
        }
        return switch (endpoint) {
            case "authorize" -> approvePage(store, p);
            case "access_granted" -> accessGranted(store, p, request.queryParam("_wpnonce"));
            case "access_denied" -> SandboxResponse.redirect(FormCodec.appendQuery(p.get("return_url"), outcome("0", p.get("user_id"))));
            default -> SandboxResponse.html(404, Html.page("Not found", "<p>Page not found.</p>"));
        };
    }

    private SandboxResponse approvePage(WooStore store, Map<String, String> p) {
        String nonce = HexFormat.of().formatHex(random.generateSeed(8));
        nonces.put(nonce, p);
        Map<String, String> granted = new LinkedHashMap<>(p);
        granted.put("_wpnonce", nonce);
        String approve = FormCodec.appendQuery(store.url() + "/wc-auth/v1/access_granted", granted);
        String deny = FormCodec.appendQuery(store.url() + "/wc-auth/v1/access_denied", p);
        String scope = switch (p.get("scope")) {
            case "read" -> "View coupons, customers, orders, products, and reports";
            case "write" -> "Create webhooks, coupons, customers, orders, products";
            default -> "View and manage coupons, customers, orders, products, reports, and webhooks";
        };
        return SandboxResponse.html(200, Html.page(store.name() + " › Authorize",
                "<h1>" + Html.escape(p.get("app_name")) + " would like to connect to your store</h1>\n"
                        + "<p>This will give \"" + Html.escape(p.get("app_name")) + "\" " + Html.escape(p.get("scope"))
                        + " access which will allow it to:</p>\n<ul><li>" + Html.escape(scope) + "</li></ul>\n"
                        + "<p>Logged in as admin</p>\n"
                        + "<a id=\"approve\" class=\"button button-primary wc-auth-approve\" href=\"" + Html.escape(approve) + "\">Approve</a>\n"
                        + "<a id=\"deny\" class=\"button wc-auth-deny\" href=\"" + Html.escape(deny) + "\">Deny</a>"));
    }

    private SandboxResponse accessGranted(WooStore store, Map<String, String> p, String nonce) {
        if (nonce == null || nonces.remove(nonce) == null) {
            return SandboxResponse.html(403, Html.page("Something went wrong", "<p>The link you followed has expired.</p>"));
        }
        String description = p.get("app_name") + " - API (" + LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .withNano(0).toString().replace('T', ' ') + ")";
        WooStore.Key key = store.createKey(p.get("scope"), description, p.get("user_id"));
        ObjectNode data = WooStore.JSON.createObjectNode();
        data.put("key_id", key.keyId());
        data.put("user_id", p.get("user_id"));
        data.put("consumer_key", key.consumerKey());
        data.put("consumer_secret", key.consumerSecret());
        data.put("key_permissions", key.permissions());
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(p.get("callback_url"))).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(data.toString())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = 0;
        }
        if (status != 200) {
            store.revokeKey(key.consumerKey());
            return accessDenied("An error occurred in the request and at the time were unable to send the consumer data");
        }
        return SandboxResponse.redirect(FormCodec.appendQuery(p.get("return_url"), outcome("1", p.get("user_id"))));
    }

    /** add_query_arg(array('success' => …, 'user_id' => …), return_url): in that order. */
    private static Map<String, String> outcome(String success, String userId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("success", success);
        q.put("user_id", userId);
        return q;
    }

    private static SandboxResponse accessDenied(String message) {
        return SandboxResponse.html(401, Html.page("Access denied", "<p>Error: " + Html.escape(message) + ".</p>"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    static SandboxResponse error(int status, String code, String message) {
        ObjectNode e = WooStore.JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        e.putObject("data").put("status", status);
        return SandboxResponse.json(status, e.toString());
    }

    private static SandboxResponse noRoute() {
        return error(404, "rest_no_route", "No route was found matching the URL and request method.");
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : WooStore.JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
