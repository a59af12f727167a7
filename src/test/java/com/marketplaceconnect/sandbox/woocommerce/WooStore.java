package com.marketplaceconnect.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated WooCommerce store: its REST API keys, orders (REST v3 JSON, as the documented "Retrieve an order"
 * example), order notes, webhooks, and, where installed, the Shipment Tracking extension's entries. Every change to an
 * order goes through {@link #changed}, which queues the webhook deliveries of its topic, as WooCommerce does.
 * Thread-safe by a lock on the store.
 */
public final class WooStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A REST API key as WooCommerce stores it (the secret is shown once, to the app that asked for it). */
    public record Key(long keyId, String userId, String consumerKey, String consumerSecret, String permissions, String description) {
        @Override
        public String toString() {
            return "Key[" + keyId + ", " + permissions + "]";
        }
    }

    /** One delivery attempt of a webhook (kept for the tests): the HTTP status answered, 0 when unreachable, -1 when lost. */
    public record Delivery(long webhookId, String topic, String deliveryId, String body, int status) {
        @Override
        public String toString() {
            return "Delivery[" + webhookId + " " + topic + " -> " + status + "]";
        }
    }

    private final String name;
    private final Clock clock;
    private final WooWebhooks webhooks;
    private String url;
    private volatile boolean shipmentTracking;
    /** The site's timezone: date_* fields are in it, date_*_gmt in UTC (the fixture's store is UTC-3). */
    private final ZoneOffset siteOffset;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final TreeMap<Long, ObjectNode> orders = new TreeMap<>();
    private final Map<Long, List<ObjectNode>> notes = new LinkedHashMap<>();
    private final Map<Long, List<ObjectNode>> trackings = new LinkedHashMap<>();
    private final AtomicLong nextOrderId = new AtomicLong(700);
    private final AtomicLong nextNoteId = new AtomicLong(1);
    private final AtomicLong nextKeyId = new AtomicLong(1);
    private final AtomicLong nextTrackingId = new AtomicLong(1);
    /** Whether the authorize endpoint accepts a callback_url that is not https (WooCommerce never does; local runs only). */
    private volatile boolean acceptPlainHttpCallbacks;
    /** Deliveries to drop silently (the Action Scheduler job never ran): lost webhooks. */
    final AtomicInteger deliveriesToLose = new AtomicInteger();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WooStore(String name, Clock clock, boolean shipmentTracking, ZoneOffset siteOffset, WooWebhooks webhooks) {
        this.name = name;
        this.clock = clock;
        this.shipmentTracking = shipmentTracking;
        this.siteOffset = siteOffset;
        this.webhooks = webhooks;
    }

    void url(String url) {
        this.url = url;
    }

    /** The store URL a seller types: {@code http://127.0.0.1:PORT/woocommerce/<name>}. */
    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    public boolean hasShipmentTracking() {
        return shipmentTracking;
    }

    /** Installs or removes the Shipment Tracking extension. */
    public void setShipmentTracking(boolean installed) {
        this.shipmentTracking = installed;
    }

    public void acceptPlainHttpCallbacks(boolean accept) {
        this.acceptPlainHttpCallbacks = accept;
    }

    boolean acceptsPlainHttpCallbacks() {
        return acceptPlainHttpCallbacks;
    }

    // --- keys ---------------------------------------------------------------------------------------------------

    /** Creates a key as WooCommerce → Settings → Advanced → REST API does: {@code ck_}/{@code cs_} and 40 hex digits. */
    public synchronized Key createKey(String permissions, String description, String userId) {
        Key key = new Key(nextKeyId.getAndIncrement(), userId, "ck_" + hex(20), "cs_" + hex(20), permissions, description);
        keys.put(key.consumerKey(), key);
        return key;
    }

    public Key createKey(String permissions) {
        return createKey(permissions, "sandbox", "1");
    }

    synchronized Key key(String consumerKey) {
        return keys.get(consumerKey);
    }

    /** Revokes a key (Settings → Advanced → REST API → Revoke). */
    public synchronized void revokeKey(String consumerKey) {
        keys.remove(consumerKey);
    }

    public synchronized List<Key> keys() {
        return List.copyOf(keys.values());
    }

    // --- orders -------------------------------------------------------------------------------------------------

    /** A new order, created at {@code createdAt}, in status {@code status}, with lines {sku, quantity, price}. */
    public long addOrder(String status, Instant createdAt, List<Line> lines) {
        ObjectNode order;
        synchronized (this) {
            long id = nextOrderId.getAndIncrement();
            order = WooOrders.order(id, status, createdAt, siteOffset, lines, url);
            orders.put(id, order);
        }
        changed("order.created", order);
        return order.get("id").asLong();
    }

    /** One order line: SKU (may be ""), quantity, unit price. */
    public record Line(String sku, String name, int quantity, String price) {
    }

    /** {@code count} orders with one or two lines, created between {@code from} and {@code to}, mostly processing. */
    public List<Long> seedOrders(int count, Instant from, Instant to, long seed) {
        Random random = new Random(seed);
        String[] statuses = {"processing", "processing", "processing", "on-hold", "pending", "completed"};
        List<Long> ids = new ArrayList<>();
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(from.plusSeconds(Math.floorMod(random.nextLong(), span)));
        }
        times.sort(null);
        for (Instant at : times) {
            List<Line> lines = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int l = 0; l < n; l++) {
                int p = 5 + random.nextInt(90);
                lines.add(new Line("SKU-" + (100 + random.nextInt(50)), "Product " + p, 1 + random.nextInt(3), p + ".00"));
            }
            ids.add(addOrder(statuses[random.nextInt(statuses.length)], at.truncatedTo(ChronoUnit.SECONDS), lines));
        }
        return ids;
    }

    public synchronized ObjectNode order(long id) {
        ObjectNode o = orders.get(id);
        return o == null ? null : o.deepCopy();
    }

    public synchronized List<Long> orderIds() {
        return List.copyOf(orders.keySet());
    }

    synchronized List<ObjectNode> allOrders() {
        return orders.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Sets the status (the shop manager's edit, or PUT /orders/{id}); fires order.updated. */
    public ObjectNode setStatus(long id, String status) {
        return update(id, JSON.createObjectNode().put("status", status));
    }

    /** Cancels the order (status cancelled); fires order.updated. */
    public ObjectNode cancel(long id) {
        return setStatus(id, "cancelled");
    }

    /** Moves the order to the trash (status trash, as DELETE /orders/{id} without force); fires order.deleted. */
    public ObjectNode trash(long id) {
        ObjectNode order;
        synchronized (this) {
            order = orders.get(id);
            if (order == null) return null;
            order.put("status", "trash");
            touch(order);
            order = order.deepCopy();
        }
        changed("order.deleted", JSON.createObjectNode().put("id", id));
        return order;
    }

    /** A partial update as PUT /wp-json/wc/v3/orders/{id} applies it: the fields given replace the order's. */
    ObjectNode update(long id, JsonNode changes) {
        ObjectNode order;
        synchronized (this) {
            order = orders.get(id);
            if (order == null) return null;
            changes.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("id") && !e.getKey().startsWith("date_")) order.set(e.getKey(), e.getValue());
            });
            if ("completed".equals(changes.path("status").asText()) && order.path("date_completed").isNull()) {
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                order.put("date_completed", local(now));
                order.put("date_completed_gmt", gmt(now));
            }
            touch(order);
        }
        ObjectNode copy = order(id);
        changed("order.updated", copy);
        return copy;
    }

    private void touch(ObjectNode order) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant previous = WooOrders.gmtInstant(order.path("date_modified_gmt").asText());
        if (previous != null && !now.isAfter(previous)) now = previous.plusSeconds(1);
        order.put("date_modified", local(now));
        order.put("date_modified_gmt", gmt(now));
    }

    String local(Instant t) {
        return LocalDateTime.ofInstant(t, siteOffset).format(WP_DATE);
    }

    static String gmt(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(WP_DATE);
    }

    ZoneOffset siteOffset() {
        return siteOffset;
    }

    // --- notes and trackings ------------------------------------------------------------------------------------

    synchronized ObjectNode addNote(long orderId, String note, boolean customerNote, boolean addedByUser) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", nextNoteId.getAndIncrement());
        n.put("author", addedByUser ? "admin" : "WooCommerce");
        n.put("date_created", local(now));
        n.put("date_created_gmt", gmt(now));
        n.put("note", note);
        n.put("customer_note", customerNote);
        notes.computeIfAbsent(orderId, k -> new ArrayList<>()).add(n);
        return n.deepCopy();
    }

    /** The order's notes, oldest first. */
    public synchronized List<ObjectNode> notes(long orderId) {
        return notes.getOrDefault(orderId, List.of()).stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized ObjectNode addTracking(long orderId, ObjectNode tracking) {
        tracking.put("tracking_id", Long.toHexString(nextTrackingId.getAndIncrement() * 0x9E3779B97F4A7C15L).substring(0, 12));
        trackings.computeIfAbsent(orderId, k -> new ArrayList<>()).add(tracking);
        return tracking.deepCopy();
    }

    /** The Shipment Tracking extension's entries of the order. */
    public synchronized List<ObjectNode> trackings(long orderId) {
        return trackings.getOrDefault(orderId, List.of()).stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized ArrayNode trackingsArray(long orderId) {
        ArrayNode a = JSON.createArrayNode();
        trackings.getOrDefault(orderId, List.of()).forEach(t -> a.add(t.deepCopy()));
        return a;
    }

    // --- webhooks -----------------------------------------------------------------------------------------------

    /** The store's webhooks (REST v3 JSON, secret included). */
    public List<ObjectNode> webhooks() {
        return webhooks.list(this);
    }

    /** Disables a webhook as the store does after repeated failed deliveries (or the shop manager does by hand). */
    public void disableWebhook(long webhookId) {
        webhooks.setStatus(this, webhookId, "disabled");
    }

    /** Deletes a webhook (WooCommerce → Settings → Advanced → Webhooks → Delete). */
    public void deleteWebhook(long webhookId) {
        webhooks.delete(this, webhookId);
    }

    /** The next {@code n} deliveries are lost (never sent), as when WP-Cron or the Action Scheduler does not run. */
    public void loseDeliveries(int n) {
        deliveriesToLose.set(n);
    }

    /** Every delivery attempt so far, oldest first (pings excluded). */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Fires the webhooks of a topic for a changed order (the payload is built when the delivery runs, from the order then). */
    void changed(String topic, ObjectNode payload) {
        webhooks.fire(this, topic, payload);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
