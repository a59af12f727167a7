package com.marketplaceconnect.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhooks of every store (class-wc-webhook.php): topics {@code order.created|updated|deleted|restored}, status
 * active, paused or disabled, the payload of the REST API v3 ({@code {"id":n}} for a deleted resource), signed with
 * {@code X-WC-Webhook-Signature = base64(HMAC-SHA256(body, secret))}. A delivery succeeds on HTTP 200-302; there are
 * no retries; each failure counts, and a failure when the count is already above {@value #MAX_FAILURES} disables the
 * webhook (the code's reading: the 7th consecutive failure; the docs say "after 5"); a success resets the count.
 * Deliveries run in the background, one at a time, as the Action Scheduler does, and the payload is read when the
 * delivery runs. Creating an active webhook sends a ping: the form body {@code webhook_id=N}, unsigned.
 */
final class WooWebhooks implements AutoCloseable {
    /** The filter woocommerce_max_webhook_delivery_failures' default. */
    static final int MAX_FAILURES = 5;
    static final Set<String> TOPICS = Set.of("order.created", "order.updated", "order.deleted", "order.restored",
            "product.created", "product.updated", "product.deleted", "customer.created", "customer.updated", "customer.deleted",
            "coupon.created", "coupon.updated", "coupon.deleted");

    private final Clock clock;
    private final Map<WooStore, Map<Long, ObjectNode>> byStore = new LinkedHashMap<>();
    private final Map<Long, Integer> failures = new LinkedHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ExecutorService deliverer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-woocommerce-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WooWebhooks(Clock clock) {
        this.clock = clock;
    }

    synchronized ObjectNode create(WooStore store, String name, String topic, String deliveryUrl, String secret, String status) {
        long id = nextId.getAndIncrement();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode w = WooStore.JSON.createObjectNode();
        w.put("id", id);
        w.put("name", name == null || name.isBlank() ? "Webhook created on " + WooStore.gmt(now) : name);
        w.put("status", status == null ? "active" : status);
        w.put("topic", topic);
        w.put("resource", topic.substring(0, topic.indexOf('.')));
        w.put("event", topic.substring(topic.indexOf('.') + 1));
        ArrayNode hooks = w.putArray("hooks");
        switch (topic) {
            case "order.created" -> hooks.add("woocommerce_new_order");
            case "order.updated" -> hooks.add("woocommerce_update_order").add("woocommerce_order_refunded");
            case "order.deleted" -> hooks.add("wp_trash_post");
            default -> hooks.add("woocommerce_" + topic.replace('.', '_'));
        }
        w.put("delivery_url", deliveryUrl);
        // The docs: without a secret, an MD5 of the user's id and name is used.
        w.put("secret", secret == null || secret.isBlank() ? md5("1|admin") : secret);
        w.put("date_created", store.local(now));
        w.put("date_created_gmt", WooStore.gmt(now));
        w.put("date_modified", store.local(now));
        w.put("date_modified_gmt", WooStore.gmt(now));
        byStore.computeIfAbsent(store, k -> new LinkedHashMap<>()).put(id, w);
        failures.put(id, 0);
        if ("active".equals(w.get("status").asText())) {
            ping(w);
        }
        return w.deepCopy();
    }

    synchronized List<ObjectNode> list(WooStore store) {
        return byStore.getOrDefault(store, Map.of()).values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized ObjectNode get(WooStore store, long id) {
        ObjectNode w = byStore.getOrDefault(store, Map.of()).get(id);
        return w == null ? null : w.deepCopy();
    }

    synchronized ObjectNode update(WooStore store, long id, ObjectNode changes) {
        ObjectNode w = byStore.getOrDefault(store, Map.of()).get(id);
        if (w == null) return null;
        String before = w.path("status").asText();
        for (String field : List.of("name", "status", "topic", "delivery_url", "secret")) {
            if (changes.hasNonNull(field)) w.put(field, changes.get(field).asText());
        }
        if (changes.hasNonNull("topic")) {
            String topic = w.get("topic").asText();
            w.put("resource", topic.substring(0, topic.indexOf('.')));
            w.put("event", topic.substring(topic.indexOf('.') + 1));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        w.put("date_modified", store.local(now));
        w.put("date_modified_gmt", WooStore.gmt(now));
        if (!"active".equals(before) && "active".equals(w.path("status").asText())) {
            failures.put(id, 0);
            ping(w);
        }
        return w.deepCopy();
    }

    synchronized void setStatus(WooStore store, long id, String status) {
        ObjectNode w = byStore.getOrDefault(store, Map.of()).get(id);
        if (w != null) w.put("status", status);
    }

    synchronized ObjectNode delete(WooStore store, long id) {
        ObjectNode w = byStore.getOrDefault(store, Map.of()).remove(id);
        failures.remove(id);
        return w;
    }

    /** Queues a delivery to every active webhook of the store subscribed to the topic. */
    void fire(WooStore store, String topic, ObjectNode payload) {
        List<ObjectNode> targets = new ArrayList<>();
        synchronized (this) {
            for (ObjectNode w : byStore.getOrDefault(store, Map.of()).values()) {
                if (topic.equals(w.path("topic").asText()) && "active".equals(w.path("status").asText())) targets.add(w.deepCopy());
            }
        }
        for (ObjectNode w : targets) {
            deliverer.submit(() -> deliver(store, w, topic, payload.path("id").asLong(), topic.endsWith(".deleted") ? payload : null));
        }
    }

    private void deliver(WooStore store, ObjectNode webhook, String topic, long resourceId, ObjectNode fixedPayload) {
        long webhookId = webhook.get("id").asLong();
        ObjectNode current = get(store, webhookId);
        if (current == null || !"active".equals(current.path("status").asText())) return;
        // Built now, from the order as it is now (woocommerce#15699): a later change may already show.
        ObjectNode payload = fixedPayload != null ? fixedPayload : store.order(resourceId);
        if (payload == null) return;
        String body = payload.toString();
        String deliveryId = md5(webhookId + "" + clock.instant().getEpochSecond() + System.nanoTime());
        if (store.deliveriesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            store.deliveries.add(new WooStore.Delivery(webhookId, topic, deliveryId, body, -1));
            return;
        }
        String secret = current.path("secret").asText();
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(current.path("delivery_url").asText()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "WooCommerce/9.4.0 Hookshot (WordPress/6.7)")
                    .header("X-WC-Webhook-Source", store.url() + "/")
                    .header("X-WC-Webhook-Topic", topic)
                    .header("X-WC-Webhook-Resource", topic.substring(0, topic.indexOf('.')))
                    .header("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1))
                    .header("X-WC-Webhook-Signature", sign(body, secret))
                    .header("X-WC-Webhook-ID", String.valueOf(webhookId))
                    .header("X-WC-Webhook-Delivery-ID", deliveryId)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = 0;
        }
        store.deliveries.add(new WooStore.Delivery(webhookId, topic, deliveryId, body, status));
        synchronized (this) {
            if (status >= 200 && status <= 302) {
                failures.put(webhookId, 0);
            } else {
                int count = failures.getOrDefault(webhookId, 0);
                if (count > MAX_FAILURES) {
                    setStatus(store, webhookId, "disabled");
                } else {
                    failures.put(webhookId, count + 1);
                }
            }
        }
    }

    /** Re-sends a delivery exactly as sent before (same body, signature and delivery id): a duplicate. */
    int redeliver(WooStore store, WooStore.Delivery delivery) throws Exception {
        ObjectNode w = get(store, delivery.webhookId());
        HttpRequest request = HttpRequest.newBuilder(URI.create(w.path("delivery_url").asText()))
                .header("Content-Type", "application/json")
                .header("X-WC-Webhook-Source", store.url() + "/")
                .header("X-WC-Webhook-Topic", delivery.topic())
                .header("X-WC-Webhook-Resource", delivery.topic().substring(0, delivery.topic().indexOf('.')))
                .header("X-WC-Webhook-Event", delivery.topic().substring(delivery.topic().indexOf('.') + 1))
                .header("X-WC-Webhook-Signature", sign(delivery.body(), w.path("secret").asText()))
                .header("X-WC-Webhook-ID", String.valueOf(delivery.webhookId()))
                .header("X-WC-Webhook-Delivery-ID", delivery.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The unsigned ping of a newly active webhook; its answer does not change the webhook. */
    private void ping(ObjectNode webhook) {
        String url = webhook.path("delivery_url").asText();
        String body = "webhook_id=" + webhook.get("id").asLong();
        deliverer.submit(() -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("User-Agent", "WooCommerce/9.4.0 Hookshot (WordPress/6.7)")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception ignored) {
                // the ping's failure is only shown to the shop manager
            }
        });
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        deliverer.shutdownNow();
    }
}
