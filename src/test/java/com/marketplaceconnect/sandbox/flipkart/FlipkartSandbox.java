package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.http.Router;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Flipkart side of the sandbox (Seller API v3): the OAuth client-credentials token endpoint, the shipments
 * filter search with {@code nextPageUrl} pagination, shipment details, self-ship dispatch and tracking updates,
 * per-seller rate limits, plus the controls tests use to set up sellers and shipments.
 */
public final class FlipkartSandbox {

    public static final String DEMO_SELLER_ID = "fkdemoseller0001";
    /**
     * A second seller with fixed, documented application credentials (README, "Connecting a seller in the local
     * run"): the local run registers it, unconnected, so connecting a Flipkart seller can be tried with credentials
     * a person can type. The secret is a sandbox one, public on purpose.
     */
    public static final String SANDBOX_SELLER_ID = "fksandboxseller02";
    public static final String SANDBOX_SELLER_APP_ID = "fksandboxapp02";
    public static final String SANDBOX_SELLER_APP_SECRET = "fksandbox-secret-02";

    private final Clock clock;
    private final FlipkartAuth auth;
    private final FlipkartRateLimiter limiter;
    private final ShipmentStore store = new ShipmentStore();
    private final ShipmentSearchHandler search;
    private final SelfShipHandler selfShip;
    private final Map<String, List<String>> sellerLocations = new ConcurrentHashMap<>();

    /** Creates the Flipkart simulator and registers its endpoints on {@code router}. */
    public FlipkartSandbox(SandboxSettings settings, Router router) {
        this.clock = settings.clock();
        this.auth = new FlipkartAuth(clock);
        this.limiter = new FlipkartRateLimiter(clock, settings.timeFactor(), settings.rateLimitsEnabled());
        this.search = new ShipmentSearchHandler(store, this::sellerAddress);
        this.selfShip = new SelfShipHandler(store, clock);
        router.add("GET", "/oauth-service/oauth/token", (req, m) -> auth.token(req))
                .add("POST", "/sellers/v3/shipments/filter/?", (req, m) -> api(req, seller -> search.search(req, seller)))
                .add("GET", "/sellers/v3/shipments/filter/?", (req, m) -> api(req, seller -> search.next(req, seller)))
                .add("POST", "/sellers/v3/shipments/selfShip/dispatch", (req, m) -> api(req, seller -> selfShip.dispatch(req, seller)))
                .add("POST", "/sellers/v3/shipments/([^/]+)/update", (req, m) -> api(req, seller -> selfShip.update(req, m.group(1), seller)))
                .add("GET", "/sellers/v3/shipments/([^/]+)", (req, m) -> api(req, seller -> search.details(m.group(1), seller)));
    }

    /** Every Seller API call: bearer token (401), the seller's rate limit (429), then the handler. */
    private SandboxResponse api(SandboxRequest request, Function<String, SandboxResponse> handler) {
        FlipkartAuth.Access access = auth.check(request);
        if (access.refusal() != null) return access.refusal();
        if (!limiter.tryAcquire(access.sellerId())) {
            return FlipkartJson.error(429, "Too many requests: the rate limit for this seller was exceeded, retry later", null);
        }
        try {
            return handler.apply(access.sellerId());
        } catch (FlipkartError e) {
            return FlipkartJson.error(e.status, e.getMessage(), e.path);
        }
    }

    /** Registers a seller with a self-access application (a new app id and secret on every call). */
    public FlipkartSeller addSeller(String sellerId) {
        Objects.requireNonNull(sellerId, "sellerId");
        sellerLocations.computeIfAbsent(sellerId, id -> List.of("LOC" + Integer.toHexString(id.hashCode()) + "a1",
                "LOC" + Integer.toHexString(id.hashCode()) + "b2"));
        return auth.register(sellerId);
    }

    /**
     * Registers a seller with an application of the given id and secret (fixed credentials, e.g. documented ones).
     * Registering the same again changes nothing; an application id of another seller is refused.
     */
    public FlipkartSeller addSeller(String sellerId, String appId, String appSecret) {
        Objects.requireNonNull(sellerId, "sellerId");
        sellerLocations.computeIfAbsent(sellerId, id -> List.of("LOC" + Integer.toHexString(id.hashCode()) + "a1",
                "LOC" + Integer.toHexString(id.hashCode()) + "b2"));
        return auth.register(sellerId, appId, appSecret);
    }

    /** A new application secret for the seller; the old one is refused from now on ("Bad credentials"). */
    public FlipkartSeller rotateSecret(String sellerId) {
        return auth.rotateSecret(sellerId);
    }

    /** Every access token issued to the seller expires now; API calls with them get 401. */
    public void expireTokens(String sellerId) {
        auth.expireTokens(sellerId);
    }

    /** Rate limit of every seller's Seller API calls (default 10 a second, bursts of 20); resets the buckets. */
    public void setRateLimit(double requestsPerSecond, int burst) {
        limiter.configure(requestsPerSecond, burst);
    }

    /**
     * Adds {@code count} generated shipments for the seller, ordered between {@code from} and {@code to} and last
     * updated no later than {@code to}; some orders span two shipments. Deterministic for a seed. Returns the ids.
     */
    public List<String> generateShipments(String sellerId, int count, Instant from, Instant to, long seed) {
        List<String> locations = requireSeller(sellerId);
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
        if (to.isBefore(from)) throw new IllegalArgumentException("to must not be before from");
        List<StoredShipment> shipments;
        synchronized (store) {
            shipments = ShipmentGenerator.generate(sellerId, locations, count, from, to, seed, store::orderIdTaken);
            store.addAll(shipments);
        }
        return shipments.stream().map(s -> s.shipmentId).toList();
    }

    /** Sets the status of every item of the shipment and its updatedAt (a status change on Flipkart's side). */
    public void updateShipment(String shipmentId, String status, Instant updatedAt) {
        if (!StoredShipment.STATUSES.contains(status)) throw new IllegalArgumentException("unknown status " + status);
        if ("CANCELLED".equals(status)) throw new IllegalArgumentException("use cancel(...) to cancel a shipment");
        require(shipmentId).setStatus(status, Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    /** Cancels every item of the shipment: sellerCancellation, buyerCancellation or marketplaceCancellation. */
    public void cancel(String shipmentId, String cancellationType, Instant cancelledAt) {
        if (!StoredShipment.CANCELLATION_TYPES.contains(cancellationType)) {
            throw new IllegalArgumentException("unknown cancellation type " + cancellationType);
        }
        require(shipmentId).cancel(cancellationType, "order_cancelled", Objects.requireNonNull(cancelledAt, "cancelledAt"));
    }

    /** Puts the shipment on hold (or releases it). */
    public void setHold(String shipmentId, boolean hold, Instant updatedAt) {
        require(shipmentId).setHold(hold, Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    /** The shipment as the filter search returns it, as a copy; null when unknown. */
    public ObjectNode shipment(String shipmentId) {
        StoredShipment s = store.get(shipmentId);
        return s == null ? null : FlipkartJson.shipment(s);
    }

    /** The shipment as GET /v3/shipments/{ids} returns it; null when unknown. */
    public ObjectNode shipmentDetails(String shipmentId) {
        StoredShipment s = store.get(shipmentId);
        return s == null ? null : FlipkartJson.details(s, sellerAddress(s.sellerId));
    }

    /** The order the shipment belongs to. */
    public String orderIdOf(String shipmentId) {
        return require(shipmentId).orderId;
    }

    public List<String> shipmentIds(String sellerId) {
        return store.forSeller(sellerId).stream().map(s -> s.shipmentId).toList();
    }

    /** Distinct order ids of the seller, sorted. */
    public Set<String> orderIds(String sellerId) {
        Set<String> ids = new TreeSet<>();
        store.forSeller(sellerId).forEach(s -> ids.add(s.orderId));
        return ids;
    }

    /** The shipments of one order, in creation order. */
    public List<String> shipmentsOfOrder(String orderId) {
        List<String> ids = new ArrayList<>();
        String seller = store.forSellerOfOrder(orderId);
        if (seller == null) return ids;
        store.forSeller(seller).stream().filter(s -> s.orderId.equals(orderId)).forEach(s -> ids.add(s.shipmentId));
        return ids;
    }

    /** The tracking id pushed with selfShip/dispatch (or the last update), or null. */
    public String dispatchedTrackingId(String shipmentId) {
        StoredShipment s = store.get(shipmentId);
        if (s == null) return null;
        StoredShipment.Dispatch d = s.state().dispatch();
        return d == null ? null : d.trackingId();
    }

    /** Accepted selfShip/dispatch entries and tracking updates for the shipment, oldest first (copies). */
    public List<JsonNode> selfShipRequests(String shipmentId) {
        return selfShip.requests(shipmentId);
    }

    public int shipmentCount() {
        return store.count();
    }

    /** Every access token and app secret issued: for leak scans. */
    public Set<String> issuedSecrets() {
        return auth.issuedSecrets();
    }

    /**
     * The local-run data set: seller fkdemoseller0001 with about 150 shipments over the last 30 days, all at least
     * 3 minutes old, among them the self-ship shipment docs/shipment-event.flipkart.example.json dispatches (order
     * OD431234567890123100). Returns the seller with a fresh application (id and secret).
     */
    public FlipkartSeller seedDemo() {
        FlipkartSeller seller = addSeller(DEMO_SELLER_ID);
        if (store.forSeller(DEMO_SELLER_ID).isEmpty()) {
            Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
            synchronized (store) {
                store.addAll(List.of(ShipmentGenerator.example(DEMO_SELLER_ID, requireSeller(DEMO_SELLER_ID), to)));
            }
            generateShipments(DEMO_SELLER_ID, 150, to.minus(Duration.ofDays(30)), to, 20260201L);
        }
        return seller;
    }

    /**
     * The documented second seller ({@link #SANDBOX_SELLER_ID}, application {@link #SANDBOX_SELLER_APP_ID} /
     * {@link #SANDBOX_SELLER_APP_SECRET}) with 40 shipments over the last 30 days. Returns it; calling again adds none.
     */
    public FlipkartSeller seedSandboxSeller() {
        FlipkartSeller seller = addSeller(SANDBOX_SELLER_ID, SANDBOX_SELLER_APP_ID, SANDBOX_SELLER_APP_SECRET);
        if (store.forSeller(SANDBOX_SELLER_ID).isEmpty()) {
            Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(3));
            generateShipments(SANDBOX_SELLER_ID, 40, to.minus(Duration.ofDays(30)), to, 20260202L);
        }
        return seller;
    }

    private ObjectNode sellerAddress(String sellerId) {
        ObjectNode a = FlipkartJson.JSON.createObjectNode();
        a.put("firstName", "Marketplace Connect Demo Store");
        a.put("lastName", "");
        a.put("addressLine1", "Plot 14, KIADB Industrial Area");
        a.put("addressLine2", "Bommasandra");
        a.put("landmark", "");
        a.put("city", "Bengaluru");
        a.put("state", "Karnataka");
        a.put("stateCode", "IN-KA");
        a.put("pinCode", "560099");
        a.put("contactNumber", "8041234567");
        return a;
    }

    private List<String> requireSeller(String sellerId) {
        List<String> locations = sellerId == null ? null : sellerLocations.get(sellerId);
        if (locations == null) throw new IllegalArgumentException("unknown seller " + sellerId);
        return locations;
    }

    private StoredShipment require(String shipmentId) {
        StoredShipment s = store.get(shipmentId);
        if (s == null) throw new IllegalArgumentException("unknown shipment " + shipmentId);
        return s;
    }
}
