package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shop's webhooks: the subscriptions made through {@code webhookSubscriptionCreate} (or from Java), the deliveries
 * made (see {@link WebhookDelivery}) and faults to inject on the next deliveries:
 * <ul>
 *   <li>{@link #loseNext(int)}: the next N messages are never delivered (recorded in {@link #lost()});</li>
 *   <li>{@link #duplicateNext(int)}: the next N messages are delivered twice, same X-Shopify-Webhook-Id;</li>
 *   <li>{@link #holdNext()}: the next message is held back and delivered right after the one that follows it;</li>
 *   <li>{@link #badHmacNext(int)}: the next N messages are signed with a wrong key.</li>
 * </ul>
 * Deliveries of one shop are made one at a time, in order (retries when due); shops deliver in parallel.
 */
public final class ShopWebhooks {

    /** A subscription: REST topic name (orders/create), callback URL, format, API version of the payloads. */
    public record Subscription(long id, String topic, String callbackUrl, String format, String apiVersion,
                               Instant createdAt, Instant updatedAt, boolean viaApi) {
    }

    record Created(Subscription subscription, List<UserError> userErrors) {
    }

    /** One message to deliver (all its attempts share webhookId, eventId and body). */
    static final class Message {
        final String topic;
        final String webhookId;
        final String eventId;
        final String callbackUrl;
        final String apiVersion;
        final byte[] body;
        final Instant triggeredAt;
        final boolean badHmac;
        final long subscriptionId;
        int attempt = 1;

        Message(String topic, String eventId, String callbackUrl, String apiVersion, byte[] body, Instant triggeredAt,
                boolean badHmac, long subscriptionId) {
            this(UUID.randomUUID().toString(), topic, eventId, callbackUrl, apiVersion, body, triggeredAt, badHmac, subscriptionId);
        }

        Message(String webhookId, String topic, String eventId, String callbackUrl, String apiVersion, byte[] body,
                Instant triggeredAt, boolean badHmac, long subscriptionId) {
            this.webhookId = webhookId;
            this.topic = topic;
            this.eventId = eventId;
            this.callbackUrl = callbackUrl;
            this.apiVersion = apiVersion;
            this.body = body;
            this.triggeredAt = triggeredAt;
            this.badHmac = badHmac;
            this.subscriptionId = subscriptionId;
        }

        /** The same delivery again: same webhook id, event id and body. */
        Message copyForDuplicate() {
            return new Message(webhookId, topic, eventId, callbackUrl, apiVersion, body, triggeredAt, badHmac, subscriptionId);
        }
    }

    private final ShopifyShop shop;
    private final WebhookDispatcher dispatcher;
    private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> lost = new CopyOnWriteArrayList<>();
    private int loseNext;
    private int duplicateNext;
    private int badHmacNext;
    private boolean holdNext;
    private Message held;

    ShopWebhooks(ShopifyShop shop, WebhookDispatcher dispatcher) {
        this.shop = shop;
        this.dispatcher = dispatcher;
    }

    // ------------------------------------------------------------------ subscriptions

    /** Subscribes from Java, as webhookSubscriptionCreate would (topic as orders/create or ORDERS_CREATE). */
    public Subscription subscribe(String topic, String callbackUrl) {
        String t = topic.contains("/") ? topic : WebhookTopics.fromEnum(topic);
        Created c = create(t, callbackUrl, "JSON", dispatcher.defaultApiVersion());
        if (c.subscription() == null) throw new IllegalArgumentException(c.userErrors().toString());
        return c.subscription();
    }

    synchronized Created create(String topic, String callbackUrl, String format, String apiVersion) {
        List<String> field = List.of("webhookSubscription", "callbackUrl");
        if (callbackUrl == null || callbackUrl.isBlank()) return new Created(null, List.of(new UserError(field, "Address can't be blank")));
        java.net.URI uri;
        try {
            uri = java.net.URI.create(callbackUrl);
        } catch (IllegalArgumentException e) {
            return new Created(null, List.of(new UserError(field, "Address is invalid")));
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return new Created(null, List.of(new UserError(field, "Address protocol " + uri.getScheme() + ":// is not supported")));
        }
        for (Subscription s : subscriptions.values()) {
            if (s.topic().equals(topic) && s.callbackUrl().equals(callbackUrl)) {
                return new Created(null, List.of(new UserError(field, "Address for this topic has already been taken")));
            }
        }
        Instant now = dispatcher.now();
        Subscription s = new Subscription(dispatcher.nextId(), topic, callbackUrl, format, apiVersion, now, now, true);
        subscriptions.put(s.id(), s);
        return new Created(s, List.of());
    }

    synchronized Created update(long id, String callbackUrl, String format) {
        Subscription s = subscriptions.get(id);
        if (s == null) return new Created(null, List.of(new UserError(List.of("id"), "Webhook subscription does not exist")));
        Subscription u = new Subscription(id, s.topic(), callbackUrl == null ? s.callbackUrl() : callbackUrl,
                format == null ? s.format() : format, s.apiVersion(), s.createdAt(), dispatcher.now(), s.viaApi());
        subscriptions.put(id, u);
        return new Created(u, List.of());
    }

    public boolean delete(long id) {
        return subscriptions.remove(id) != null;
    }

    void removeAllSubscriptions() {
        subscriptions.clear();
    }

    public Subscription subscription(long id) {
        return subscriptions.get(id);
    }

    /** The shop's subscriptions, oldest first. */
    public List<Subscription> subscriptions() {
        List<Subscription> l = new ArrayList<>(subscriptions.values());
        l.sort(Comparator.comparingLong(Subscription::id));
        return l;
    }

    // ------------------------------------------------------------------ faults

    /** The next {@code n} messages are lost: never sent, never retried. */
    public synchronized ShopWebhooks loseNext(int n) {
        loseNext = n;
        return this;
    }

    /** The next {@code n} messages are each delivered twice with the same X-Shopify-Webhook-Id. */
    public synchronized ShopWebhooks duplicateNext(int n) {
        duplicateNext = n;
        return this;
    }

    /** The next message is held back and delivered right after the message that follows it. */
    public synchronized ShopWebhooks holdNext() {
        holdNext = true;
        return this;
    }

    /** The next {@code n} messages carry an X-Shopify-Hmac-Sha256 computed with a wrong key. */
    public synchronized ShopWebhooks badHmacNext(int n) {
        badHmacNext = n;
        return this;
    }

    /** Sends a held message now (when no message followed it). */
    public void releaseHeld() {
        Message m;
        synchronized (this) {
            m = held;
            held = null;
        }
        if (m != null) dispatcher.enqueue(this, m);
    }

    // ------------------------------------------------------------------ deliveries

    /** Every delivery attempt made for the shop, in the order they were answered. */
    public List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The attempts of one topic. */
    public List<WebhookDelivery> deliveries(String topic) {
        return deliveries.stream().filter(d -> d.topic().equals(topic)).toList();
    }

    /** Messages dropped by {@link #loseNext(int)} (status 0, never sent). */
    public List<WebhookDelivery> lost() {
        return List.copyOf(lost);
    }

    public void clearDeliveries() {
        deliveries.clear();
        lost.clear();
    }

    void recordDelivery(WebhookDelivery d) {
        deliveries.add(d);
    }

    void subscriptionFailedForGood(long subscriptionId) {
        Subscription s = subscriptions.get(subscriptionId);
        if (s != null && s.viaApi()) subscriptions.remove(subscriptionId);
    }

    // ------------------------------------------------------------------ sending

    void orderEvent(String topic, ShopifyOrder order) {
        if (!hasReceivers(topic)) return;
        send(topic, WebhookPayloads.order(order, shop));
    }

    private boolean hasReceivers(String topic) {
        if (!dispatcher.appReceivers(topic).isEmpty()) return true;
        for (Subscription s : subscriptions.values()) if (s.topic().equals(topic)) return true;
        return false;
    }

    /** Sends {@code payload} on {@code topic} to every receiver: API subscriptions, app-declared ones, compliance URL. */
    public void send(String topic, ObjectNode payload) {
        byte[] body = ShopifyJson.write(payload).getBytes(StandardCharsets.UTF_8);
        String eventId = UUID.randomUUID().toString();
        Instant now = dispatcher.now();
        List<Message> messages = new ArrayList<>();
        for (Subscription s : subscriptions()) {
            if (!s.topic().equals(topic)) continue;
            messages.add(new Message(topic, eventId, s.callbackUrl(), s.apiVersion(), body, now, false, s.id()));
        }
        for (String url : dispatcher.appReceivers(topic)) {
            messages.add(new Message(topic, eventId, url, dispatcher.defaultApiVersion(), body, now, false, -1));
        }
        for (Message m : messages) submit(m);
    }

    private void submit(Message original) {
        List<Message> toSend = new ArrayList<>();
        synchronized (this) {
            Message m = original;
            if (badHmacNext > 0) {
                badHmacNext--;
                m = new Message(m.webhookId, m.topic, m.eventId, m.callbackUrl, m.apiVersion, m.body, m.triggeredAt, true, m.subscriptionId);
            }
            if (loseNext > 0) {
                loseNext--;
                lost.add(new WebhookDelivery(shop.domain(), m.topic, m.webhookId, m.eventId, m.callbackUrl, 0,
                        m.triggeredAt, null, Map.of(), new String(m.body, StandardCharsets.UTF_8), !m.badHmac, 0, null, "lost"));
                return;
            }
            if (holdNext) {
                holdNext = false;
                held = m;
                return;
            }
            toSend.add(m);
            if (duplicateNext > 0) {
                duplicateNext--;
                toSend.add(m.copyForDuplicate());
            }
            if (held != null) {
                toSend.add(held);
                held = null;
            }
        }
        for (Message m : toSend) dispatcher.enqueue(this, m);
    }

    ShopifyShop shop() {
        return shop;
    }
}
