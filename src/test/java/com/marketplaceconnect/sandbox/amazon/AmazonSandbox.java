package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.http.Router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Amazon side of the sandbox: Login with Amazon, the consent page, Orders API v2026-01-01 searchOrders and
 * getOrder, and Orders v0 confirmShipment, plus the controls tests use to set up sellers and orders.
 */
public final class AmazonSandbox {

    public static final String DEMO_SELLER_ID = "A3DEMOSELLER1IN";
    public static final String DEFAULT_APPLICATION_ID = "amzn1.sp.solution.5a1d5b0c-0c0a-4d3e-9c6b-sandbox00001";
    public static final String DEFAULT_REDIRECT_URI = "http://localhost:8080/oauth/amazon/callback";
    /** How many orders a seller created on the consent page ("New sandbox seller") gets, over the last 30 days. */
    public static final int NEW_SELLER_ORDERS = 60;
    /** The consent page's selling-account choice that creates a new seller, and the form field naming its marketplace. */
    public static final String NEW_SELLER_CHOICE = "new-sandbox-seller";
    public static final String NEW_SELLER_MARKETPLACE_FIELD = "new_seller_marketplace";

    private final Clock clock;
    private final LwaService lwa;
    private final OrderStore store = new OrderStore();
    private final Map<String, String> sellerRegions = new ConcurrentHashMap<>();
    private final ConfirmShipmentHandler confirmShipment;
    private volatile boolean appDraft = true;
    private volatile String redirectUri = DEFAULT_REDIRECT_URI;
    private volatile String applicationId = DEFAULT_APPLICATION_ID;
    private volatile String applicationName = "Marketplace Connect";

    /** Creates the Amazon simulator and registers its endpoints on {@code router}. */
    public AmazonSandbox(SandboxSettings settings, Router router) {
        this.clock = settings.clock();
        this.lwa = new LwaService(clock, settings.accessTokenLifetime(), settings.lwaClientId(), settings.lwaClientSecret());
        this.confirmShipment = new ConfirmShipmentHandler(store, clock);
        SpApiGate gate = new SpApiGate(lwa, new SpApiRateLimiter(clock, settings.timeFactor(), settings.rateLimitsEnabled()));
        SearchOrdersHandler search = new SearchOrdersHandler(store, clock, sellerRegions::get);
        GetOrderHandler getOrder = new GetOrderHandler(store);
        LwaTokenEndpoint token = new LwaTokenEndpoint(lwa);
        ConsentPage consent = new ConsentPage(new ConsentPage.App() {
            public String applicationId() {
                return applicationId;
            }

            public String applicationName() {
                return applicationName;
            }

            public boolean draft() {
                return appDraft;
            }

            public String redirectUri() {
                return redirectUri;
            }

            public List<String> sellingPartnerIds() {
                return sellerRegions.keySet().stream().sorted().toList();
            }

            public String createSeller(String marketplaceCode) {
                return addGeneratedSeller(marketplaceCode).sellingPartnerId();
            }
        }, lwa);

        router.add("POST", "/auth/o2/token", (req, m) -> token.handle(req))
                .add("GET", "/apps/authorize/consent", (req, m) -> consent.show(req))
                .add("POST", "/apps/authorize/confirm", (req, m) -> consent.confirm(req))
                .add("GET", "/orders/2026-01-01/orders", (req, m) ->
                        gate.call(SpApiOperation.SEARCH_ORDERS, req, seller -> search.handle(req, seller)))
                .add("GET", "/orders/2026-01-01/orders/([^/]+)", (req, m) ->
                        gate.call(SpApiOperation.GET_ORDER, req, seller -> getOrder.handle(req, m.group(1), seller)))
                .add("POST", "/orders/v0/orders/([^/]+)/shipmentConfirmation", (req, m) ->
                        gate.call(SpApiOperation.CONFIRM_SHIPMENT, req, seller -> confirmShipment.handle(req, m.group(1), seller)));
    }

    /** Registers a selling partner (region NA, EU or FE) and issues it a refresh token. */
    public AmazonSeller addSeller(String sellingPartnerId, String region) {
        register(sellingPartnerId, region);
        return new AmazonSeller(sellingPartnerId, region, lwa.issueRefreshToken(sellingPartnerId));
    }

    /**
     * A new selling partner, as the consent page's "New sandbox seller" makes one: a fresh id ("A" and 13 letters and
     * digits) in the region of the marketplace (a code: IN, UK, US …), with {@link #NEW_SELLER_ORDERS} generated
     * orders there over the last 30 days. Its refresh token comes from the consent flow (or {@link #issueRefreshToken}).
     */
    public AmazonSeller addGeneratedSeller(String marketplaceCode) {
        Marketplace marketplace = Marketplace.byCode(marketplaceCode);
        if (marketplace == null) throw new IllegalArgumentException("unknown marketplace code " + marketplaceCode);
        String id;
        do {
            id = newSellingPartnerId();
        } while (sellerRegions.putIfAbsent(id, marketplace.region()) != null);
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
        generateOrders(id, marketplace.id(), NEW_SELLER_ORDERS, to.minus(Duration.ofDays(30)), to, id.hashCode());
        return new AmazonSeller(id, marketplace.region(), null);
    }

    private void register(String sellingPartnerId, String region) {
        Objects.requireNonNull(sellingPartnerId, "sellingPartnerId");
        if (!Marketplace.isRegion(region)) throw new IllegalArgumentException("region must be NA, EU or FE, not " + region);
        String existing = sellerRegions.putIfAbsent(sellingPartnerId, region);
        if (existing != null && !existing.equals(region)) {
            throw new IllegalArgumentException("seller " + sellingPartnerId + " is already registered in region " + existing);
        }
    }

    private static String newSellingPartnerId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("A");
        for (int i = 0; i < 13; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return id.toString();
    }

    /** A new refresh token for a registered seller ("Atzr|…"); earlier ones stay valid. */
    public String issueRefreshToken(String sellingPartnerId) {
        requireSeller(sellingPartnerId);
        return lwa.issueRefreshToken(sellingPartnerId);
    }

    /** Revokes every refresh token of the seller: later refresh grants get invalid_grant. */
    public void revokeRefreshTokens(String sellingPartnerId) {
        lwa.revokeRefreshTokens(sellingPartnerId);
    }

    /**
     * Adds {@code count} generated orders for the seller in a marketplace of its region, created between
     * {@code from} and {@code to} (and last updated no later than {@code to}). Deterministic for a seed.
     */
    public List<String> generateOrders(String sellingPartnerId, String marketplaceId, int count, Instant from, Instant to,
                                       long seed) {
        String region = requireSeller(sellingPartnerId);
        Marketplace marketplace = Marketplace.byId(marketplaceId);
        if (marketplace == null) throw new IllegalArgumentException("unknown marketplace " + marketplaceId);
        if (!marketplace.region().equals(region)) {
            throw new IllegalArgumentException("marketplace " + marketplaceId + " is not in the seller's region " + region);
        }
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
        if (to.isBefore(from)) throw new IllegalArgumentException("to must not be before from");
        List<StoredOrder> orders;
        synchronized (store) { // id uniqueness check and insert together
            orders = OrderGenerator.generate(sellingPartnerId, marketplace, count, from, to, seed, store::exists);
            store.addAll(orders);
        }
        List<String> ids = new ArrayList<>(orders.size());
        for (StoredOrder o : orders) ids.add(o.orderId);
        return ids;
    }

    /** Sets an order's status and lastUpdatedTime (SHIPPED marks every item shipped). */
    public void updateOrder(String orderId, String fulfillmentStatus, Instant lastUpdatedTime) {
        StoredOrder order = store.get(orderId);
        if (order == null) throw new IllegalArgumentException("unknown order " + orderId);
        if (!SearchCriteria.STATUSES.contains(fulfillmentStatus)) {
            throw new IllegalArgumentException("unknown fulfillment status " + fulfillmentStatus);
        }
        order.setStatus(fulfillmentStatus, Objects.requireNonNull(lastUpdatedTime, "lastUpdatedTime"));
    }

    /** The order as getOrder would return it with every includedData, as a copy; null when unknown. */
    public ObjectNode order(String orderId) {
        StoredOrder order = store.get(orderId);
        return order == null ? null : OrderJson.render(order, IncludedData.ALL);
    }

    /** The seller's order ids, in the order they were added. */
    public List<String> orderIds(String sellingPartnerId) {
        return store.forSeller(sellingPartnerId).stream().map(o -> o.orderId).toList();
    }

    public int orderCount() {
        return store.count();
    }

    /** Every access token, refresh token and authorization code issued, and the client secret: for leak scans. */
    public Set<String> issuedSecrets() {
        return lwa.issuedSecrets();
    }

    public void setAppDraft(boolean draft) {
        this.appDraft = draft;
    }

    public void setRedirectUri(String uri) {
        this.redirectUri = uri;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** The application id the consent page accepts. */
    public String applicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = Objects.requireNonNull(applicationId);
    }

    /** Accepted confirmShipment request bodies for the order, oldest first (copies). */
    public List<JsonNode> shipmentConfirmations(String orderId) {
        return confirmShipment.confirmations(orderId);
    }

    /**
     * The local-run data set: seller A3DEMOSELLER1IN (EU) with about 300 orders over the last 30 days in India and
     * the UK, all at least 3 minutes old, among them the unshipped order that docs/shipment-event.example.json ships
     * ({@link DemoCatalog#EXAMPLE_ORDER_ID}). Returns the seller with a fresh refresh token.
     */
    public AmazonSeller seedDemo() {
        AmazonSeller seller = addSeller(DEMO_SELLER_ID, "EU");
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
        Instant from = to.minus(Duration.ofDays(30));
        boolean alreadySeeded = !store.forSeller(DEMO_SELLER_ID).isEmpty();
        if (!alreadySeeded) {
            synchronized (store) {
                store.addAll(List.of(DemoCatalog.exampleOrder(DEMO_SELLER_ID, Marketplace.byId(Marketplace.INDIA), to)));
            }
            generateOrders(DEMO_SELLER_ID, Marketplace.INDIA, 220, from, to, 20260101L);
            generateOrders(DEMO_SELLER_ID, Marketplace.UK, 80, from, to, 20260102L);
        }
        return seller;
    }

    private String requireSeller(String sellingPartnerId) {
        String region = sellingPartnerId == null ? null : sellerRegions.get(sellingPartnerId);
        if (region == null) throw new IllegalArgumentException("unknown seller " + sellingPartnerId);
        return region;
    }
}
