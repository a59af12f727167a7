package com.marketplaceconnect.sandbox.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Delivers webhook messages like Shopify: an HTTP POST of the raw JSON body with the X-Shopify-* headers and a real
 * base64 HMAC-SHA256 of the body with the app's client secret; any 2xx within the timeout (5 s) is a success; anything
 * else is retried on {@link ShopifySettings#webhookRetrySchedule()} (8 retries over 4 hours by default) and, when the
 * last retry fails, a subscription made through the API is deleted. Each shop's messages go one at a time, in order.
 */
final class WebhookDispatcher implements AutoCloseable {

    private record Retry(double dueSeconds, ShopWebhooks shop, ShopWebhooks.Message message) {
    }

    private static final class ShopQueue {
        final ArrayDeque<ShopWebhooks.Message> ready = new ArrayDeque<>();
        boolean running;
    }

    private final Clock clock;
    private final double timeFactor;
    private final Supplier<ShopifySettings> settings;
    private final LongSupplier ids;
    private final SandboxTime time;
    private final HttpClient client;
    private final ExecutorService senders;
    private final ScheduledExecutorService ticker;
    private final Map<ShopWebhooks, ShopQueue> queues = new IdentityHashMap<>();
    private final List<Retry> retries = new ArrayList<>();
    private final Map<String, List<String>> appSubscriptions = new ConcurrentHashMap<>();
    private final List<WebhookDelivery> all = new CopyOnWriteArrayList<>();
    private volatile String complianceUrl;

    WebhookDispatcher(Clock clock, double timeFactor, Supplier<ShopifySettings> settings, LongSupplier ids) {
        this.clock = clock;
        this.timeFactor = timeFactor;
        this.settings = settings;
        this.ids = ids;
        this.time = new SandboxTime(clock, timeFactor);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "shopify-webhooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shopify-webhook-retries");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.get().webhookConnectTimeout()).executor(senders).build();
        ticker.scheduleWithFixedDelay(this::releaseDueRetries, 20, 20, TimeUnit.MILLISECONDS);
    }

    Instant now() {
        return clock.instant();
    }

    long nextId() {
        return ids.getAsLong();
    }

    /** The newest API version served: the version of app-declared and compliance deliveries. */
    String defaultApiVersion() {
        return settings.get().apiVersions().stream().max(Comparator.naturalOrder()).orElse("2026-10");
    }

    /** App-level receivers of a topic: shopify.app.toml subscriptions and, for compliance topics, the compliance URL. */
    List<String> appReceivers(String topic) {
        List<String> urls = new ArrayList<>(appSubscriptions.getOrDefault(topic, List.of()));
        if (complianceUrl != null && ShopifySandbox.COMPLIANCE_TOPICS.contains(topic)) urls.add(complianceUrl);
        return urls;
    }

    void declare(String topic, String url) {
        appSubscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(url);
    }

    void clearDeclared() {
        appSubscriptions.clear();
    }

    void complianceUrl(String url) {
        this.complianceUrl = url;
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(all);
    }

    void enqueue(ShopWebhooks shop, ShopWebhooks.Message message) {
        boolean start;
        ShopQueue q;
        synchronized (queues) {
            q = queues.computeIfAbsent(shop, s -> new ShopQueue());
            q.ready.add(message);
            start = !q.running;
            if (start) q.running = true;
        }
        if (start) senders.execute(() -> drain(shop, q));
    }

    private void drain(ShopWebhooks shop, ShopQueue q) {
        while (true) {
            ShopWebhooks.Message m;
            synchronized (queues) {
                m = q.ready.poll();
                if (m == null) {
                    q.running = false;
                    return;
                }
            }
            deliver(shop, m);
        }
    }

    private void deliver(ShopWebhooks shop, ShopWebhooks.Message m) {
        ShopifySettings s = settings.get();
        String secret = m.badHmac ? "not-the-" + s.clientSecret() : s.clientSecret();
        String hmac = Base64.getEncoder().encodeToString(ShopifyOAuth.hmac(m.body, secret));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", m.topic);
        headers.put("X-Shopify-Hmac-Sha256", hmac);
        headers.put("X-Shopify-Shop-Domain", shop.shop().domain());
        headers.put("X-Shopify-API-Version", m.apiVersion);
        headers.put("X-Shopify-Webhook-Id", m.webhookId);
        headers.put("X-Shopify-Event-Id", m.eventId);
        headers.put("X-Shopify-Triggered-At", m.triggeredAt.toString());
        int status;
        String error = null;
        Instant sentAt = clock.instant();
        long start = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(m.callbackUrl)).timeout(s.webhookTimeout())
                    .header("User-Agent", "Shopify-Captain-Hook")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.body));
            headers.forEach(b::header);
            HttpResponse<Void> response = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (HttpTimeoutException e) {
            status = -1;
            error = "timeout after " + s.webhookTimeout().toMillis() + " ms";
        } catch (IOException | IllegalArgumentException e) {
            status = -1;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        WebhookDelivery d = new WebhookDelivery(shop.shop().domain(), m.topic, m.webhookId, m.eventId, m.callbackUrl,
                m.attempt, m.triggeredAt, sentAt, Map.copyOf(headers), new String(m.body, StandardCharsets.UTF_8),
                !m.badHmac, status, latency, error);
        // the retry (or the subscription's removal) is in place before the attempt shows in the record
        if (!d.succeeded()) {
            List<Duration> schedule = s.webhookRetrySchedule();
            if (m.attempt <= schedule.size()) {
                Duration delay = schedule.get(m.attempt - 1);
                m.attempt++;
                synchronized (retries) {
                    retries.add(new Retry(elapsedSeconds() + delay.toNanos() / 1e9, shop, m));
                }
            } else if (m.subscriptionId > 0) {
                shop.subscriptionFailedForGood(m.subscriptionId);
            }
        }
        shop.recordDelivery(d);
        all.add(d);
    }

    /** Every pending retry is due now. */
    void retryNow() {
        synchronized (retries) {
            List<Retry> now = new ArrayList<>();
            for (Retry r : retries) now.add(new Retry(0, r.shop(), r.message()));
            retries.clear();
            retries.addAll(now);
        }
        releaseDueRetries();
    }

    int pendingRetries() {
        synchronized (retries) {
            return retries.size();
        }
    }

    private void releaseDueRetries() {
        List<Retry> due = new ArrayList<>();
        double now = elapsedSeconds();
        synchronized (retries) {
            retries.removeIf(r -> {
                if (r.dueSeconds() <= now) {
                    due.add(r);
                    return true;
                }
                return false;
            });
        }
        for (Retry r : due) enqueue(r.shop(), r.message());
    }

    private double elapsedSeconds() {
        return time.seconds();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdownNow();
    }
}
