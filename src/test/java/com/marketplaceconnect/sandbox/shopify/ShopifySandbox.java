package com.marketplaceconnect.sandbox.shopify;

import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.http.Router;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The Shopify side of the sandbox. Every shop is served under {@code /shopify/{shop-domain}}, mirroring
 * {@code https://{shop-domain}}: {@code GET|POST /admin/oauth/authorize}, {@code POST /admin/oauth/access_token},
 * {@code POST /admin/api/{version}/graphql.json}. See the package documentation for the Java API.
 */
public final class ShopifySandbox implements AutoCloseable {

    /** The mandatory compliance topics, delivered to {@link #complianceWebhookUrl(String)}. */
    public static final Set<String> COMPLIANCE_TOPICS = Set.of("customers/data_request", "customers/redact", "shop/redact");
    /** The local run's demo shop. */
    public static final String DEMO_SHOP = "marketplace-connect-demo.myshopify.com";
    /** Shopify CLI's stricter form of a shop domain; the sandbox serves only these. */
    public static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com$");

    private final Clock clock;
    private final double timeFactor;
    private volatile ShopifySettings settings;
    private volatile String baseUrl = "http://127.0.0.1";
    private final AtomicLong ids = new AtomicLong(5_600_000_000_000L);
    private final Map<String, ShopifyShop> shops = new ConcurrentHashMap<>();
    private final ShopifyAuth auth;
    private final WebhookDispatcher webhooks;
    private final ShopifyOAuth oauth;
    private final AdminApi adminApi;
    private final BulkOperations bulkOperations;

    /** Creates the Shopify simulator and registers its endpoints on {@code router}. */
    public ShopifySandbox(SandboxSettings sandboxSettings, ShopifySettings settings, Router router) {
        this.clock = sandboxSettings.clock();
        this.timeFactor = sandboxSettings.timeFactor();
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!sandboxSettings.rateLimitsEnabled()) this.settings = settings.withThrottleEnabled(false);
        this.auth = new ShopifyAuth(clock, this::settings);
        this.webhooks = new WebhookDispatcher(clock, timeFactor, this::settings, ids::incrementAndGet);
        this.oauth = new ShopifyOAuth(clock, this::settings, auth, this::shop);
        this.bulkOperations = new BulkOperations(clock, ids::incrementAndGet, () -> baseUrl);
        this.adminApi = new AdminApi(new ShopifyGraphQL(bulkOperations), auth, this::settings);
        String shopPath = "/shopify/([^/]+)";
        router.add("GET", shopPath + "/admin/oauth/authorize", (req, m) -> inShop(req, m.group(1), oauth::consentPage))
                .add("POST", shopPath + "/admin/oauth/authorize", (req, m) -> inShop(req, m.group(1), oauth::install))
                .add("POST", shopPath + "/admin/oauth/access_token", (req, m) -> inShop(req, m.group(1), oauth::accessToken))
                .add("POST", shopPath + "/admin/api/([^/]+)/graphql\\.json",
                        (req, m) -> inShop(req, m.group(1), (r, shop) -> adminApi.graphql(r, shop(shop), m.group(2))))
                .add("GET", shopPath + "/bulk-operations/(\\d+)\\.jsonl", (req, m) -> inShop(req, m.group(1), (r, shop) -> {
                    BulkOperations.Operation op = bulkOperations.get(Long.parseLong(m.group(2)), shop);
                    if (op == null) return SandboxResponse.text(404, "NoSuchKey");
                    return SandboxResponse.text(200, new String(op.file(), java.nio.charset.StandardCharsets.UTF_8))
                            .header("Content-Type", "application/jsonl");
                }));
    }

    private SandboxResponse inShop(SandboxRequest request, String shop, BiFunction<SandboxRequest, String, SandboxResponse> handler) {
        if (!SHOP_DOMAIN.matcher(shop).matches()) return SandboxResponse.json(404, "{\"errors\":\"Not Found\"}");
        return handler.apply(request, shop.toLowerCase(java.util.Locale.ROOT));
    }

    // ------------------------------------------------------------------ settings

    public ShopifySettings settings() {
        return settings;
    }

    /** Changes the settings from now on, e.g. {@code configure(s -> s.withThrottle(100, 10))}. */
    public ShopifySandbox configure(UnaryOperator<ShopifySettings> change) {
        this.settings = Objects.requireNonNull(change.apply(settings));
        return this;
    }

    /** The sandbox server's base URL (set by MarketplaceSandbox once it listens). */
    public void baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl);
    }

    /** What stands for {@code https://{shop}} in tests and the local run: {@code <sandbox base URL>/shopify/{shop}}. */
    public String shopBaseUrl(String shopDomain) {
        return baseUrl + "/shopify/" + shopDomain;
    }

    /** The consent page URL for an app's install request (what the connector redirects the merchant to). */
    public String authorizeUrl(String shopDomain, String scopes, String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", settings.clientId());
        q.put("scope", scopes);
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        return shopBaseUrl(shopDomain) + "/admin/oauth/authorize?" + ShopifyOAuth.queryString(q);
    }

    // ------------------------------------------------------------------ shops

    /** The shop, created on first use ({@code name.myshopify.com}; anything else is refused). */
    public ShopifyShop shop(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (!SHOP_DOMAIN.matcher(domain).matches()) throw new IllegalArgumentException("not a shop domain: " + domain);
        return shops.computeIfAbsent(domain.toLowerCase(java.util.Locale.ROOT),
                d -> new ShopifyShop(d, this, clock, ids::incrementAndGet, new ShopThrottle(this::settings, clock, timeFactor)));
    }

    public List<ShopifyShop> shops() {
        return List.copyOf(shops.values());
    }

    /**
     * The local run's demo shop ({@value #DEMO_SHOP}): 80 generated orders over the last 30 days, all at least 3
     * minutes old (seed 20261206). Calling again adds none.
     */
    public ShopifyShop seedDemo() {
        ShopifyShop shop = shop(DEMO_SHOP);
        synchronized (shop) {
            if (shop.orderCount() == 0) {
                Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
                shop.seedOrders(80, to.minus(Duration.ofDays(30)), to, 20261206L);
            }
        }
        return shop;
    }

    // ------------------------------------------------------------------ app-level webhooks

    /** A subscription declared in the app's configuration (shopify.app.toml): every shop's events of the topic. */
    public void declareWebhook(String topic, String callbackUrl) {
        if (!WebhookTopics.known(topic) && !COMPLIANCE_TOPICS.contains(topic)) throw new IllegalArgumentException("unknown topic " + topic);
        webhooks.declare(topic, callbackUrl);
    }

    public void clearDeclaredWebhooks() {
        webhooks.clearDeclared();
    }

    /** The app's compliance webhook URL (Partner Dashboard / compliance_topics): customers/data_request, customers/redact, shop/redact. */
    public void complianceWebhookUrl(String callbackUrl) {
        webhooks.complianceUrl(callbackUrl);
    }

    /** Every webhook delivery attempt of every shop, in the order they were answered. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Makes every pending webhook retry due now (instead of waiting for its place in the schedule). */
    public void retryWebhooksNow() {
        webhooks.retryNow();
    }

    public int pendingWebhookRetries() {
        return webhooks.pendingRetries();
    }

    /** Every access and refresh token issued (valid or not), for leak scans. The client secret is {@link #settings()}. */
    public Set<String> issuedSecrets() {
        return auth.issuedSecrets();
    }

    // ------------------------------------------------------------------ package

    ShopifyAuth auth() {
        return auth;
    }

    WebhookDispatcher webhookDispatcher() {
        return webhooks;
    }

    @Override
    public void close() {
        webhooks.close();
    }
}
