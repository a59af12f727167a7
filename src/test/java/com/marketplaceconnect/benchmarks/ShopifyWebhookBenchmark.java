package com.marketplaceconnect.benchmarks;

import static com.marketplaceconnect.benchmarks.Bench.count;
import static com.marketplaceconnect.benchmarks.Bench.f0;
import static com.marketplaceconnect.benchmarks.Bench.f1;
import static com.marketplaceconnect.benchmarks.Bench.mb;
import static com.marketplaceconnect.benchmarks.Report.verdict;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.connectors.Signatures;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;

/**
 * B5 Shopify webhook intake: signed orders/create and orders/updated deliveries (Shopify's example order, each its own
 * order id and webhook id) POSTed to the service's /webhooks/shopify, which answers after the durable write
 * (signature, dedupe id and order upsert committed in one transaction). Two phases:
 * <ul>
 *   <li>capacity: N deliveries from 16 concurrent senders as fast as the service answers; webhooks/s.</li>
 *   <li>held rate: N more at a steady rate (about 70 % of the measured capacity, at most 500/s, at least 50/s); ack
 *   latency (send to 200) p50/p99. Target p99 at most 500 ms (Shopify gives up after 5 s).</li>
 * </ul>
 * Sizes: -Dbench.events (default 10000; this benchmark uses a fifth of it per phase, at least 1000).
 */
final class ShopifyWebhookBenchmark implements Benchmark {
    private static final String SECRET = "bench-shopify-secret";
    private static final String SHOP = "bench-b5.myshopify.com";

    @Override
    public String id() {
        return "B5";
    }

    @Override
    public String title() {
        return "Shopify webhook intake (signed deliveries -> durable write -> 200)";
    }

    @Override
    public Report run(BenchOptions options) throws Exception {
        int n = Math.max(1000, options.b4Events() / 5);
        Report report = new Report(id(), title() + ": " + String.format("%,d", n) + " at once from 16 senders (capacity), then "
                + String.format("%,d", n) + " at a held rate (latency)");
        String example;
        try (InputStream in = ShopifyWebhookBenchmark.class.getResourceAsStream("/fixtures/shopify/orders-create-webhook.json")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(example);
        template.putNull("cancelled_at");
        template.put("financial_status", "paid");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (BenchDatabase db = BenchDatabase.create("b5");
             MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults())) {
            long account = Bench.accounts(db.harness()).connect("SHOPIFY", "GLOBAL", SHOP, "bench-b5",
                    Map.of("accessToken", "unused", "accessTokenExpiresAt", "2099-01-01T00:00:00Z", "refreshToken", "unused"),
                    Map.of("SHOP", SHOP));
            Map<String, String> props = ServiceProcess.baseProperties(sandbox, Path.of("target", "bench", "triggers-b5"));
            props.put("server.port", String.valueOf(port));
            props.put("shopify.client-id", "bench-shopify-client");
            props.put("shopify.client-secret", SECRET);
            props.put("shopify.sync.cron", "0 0 0 1 1 ? 2099");
            try (ServiceProcess service = ServiceProcess.start("B5", db, options, props)) {
                service.awaitReady(Duration.ofMinutes(5));
                long idleRss = service.rssKb();
                String url = "http://127.0.0.1:" + port + "/webhooks/shopify";
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
                // Warm-up: 300 deliveries (JIT, connection pools), not counted.
                phase("warmup", 300, 1_000_000, 0, 8, template, json, http, url);

                Phase capacity = phase("capacity", n, 1_000_000L + 1_000, 0, 16, template, json, http, url);
                double heldRate = Math.max(50, Math.min(500, Math.floor(capacity.throughput() * 0.7 / 10) * 10));
                CpuMeter cpu = new CpuMeter(service.pid());
                CpuMeter.Sample before = cpu.sample();
                Phase held = phase("held", n, 2_000_000L, heldRate, 64, template, json, http, url);
                CpuMeter.Used used = CpuMeter.between(before, cpu.sample());
                long stored = count(db.harness(), "select count(*) from orders where account_id = ?", account);
                long ids = count(db.harness(), "select count(*) from camel_messageprocessed where processorname = 'shopify-webhooks'");

                report.add("capacity: webhooks/s, " + n + " from 16 senders", f0(capacity.throughput()) + " webhooks/s",
                        "p50 " + ms(capacity.p50()) + ", p99 " + ms(capacity.p99()), "");
                report.add("held rate: webhooks/s offered / answered", f0(held.offered()) + " / " + f0(held.throughput()),
                        "70 % of capacity (50..500/s)", "");
                report.add("held rate: ack latency p50", ms(held.p50()), "", "");
                report.add("held rate: ack latency p99", ms(held.p99()), "<= 500 ms; max " + ms(held.max()),
                        verdict(held.p99() <= 0.5 && held.failed() == 0));
                report.add("held rate: CPU", used.per(n, "webhook"), "", "");
                report.add("answers not 200 (capacity / held)", capacity.failed() + " / " + held.failed(), "0 / 0",
                        verdict(capacity.failed() + held.failed() == 0));
                report.add("orders stored / webhook ids recorded", stored + " / " + ids, (2 * n + 300) + " / " + (2 * n + 300),
                        verdict(stored == 2L * n + 300 && ids == 2L * n + 300));
                report.add("service peak RSS (VmHWM)", mb(service.peakRssKb()), "idle after start " + mb(idleRss), "");
                report.note("each delivery a new order (Shopify's example order, own id) with its own X-Shopify-Webhook-Id, "
                        + "HMAC-SHA256 signed; the 200 is sent after the id and the order are committed; service JVM "
                        + String.join(" ", options.serviceJvmArgs()) + "; the senders run in the harness JVM on the same cores");
            }
        }
        return report;
    }

    record Phase(double throughput, double offered, double p50, double p99, double max, int failed) {
    }

    /** Sends n deliveries (rate per second, 0 = as fast as `concurrency` senders get answers); returns the figures. */
    private static Phase phase(String label, int n, long idBase, double rate, int concurrency, ObjectNode template,
                               ObjectMapper json, HttpClient http, String url) throws Exception {
        List<String> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode order = template.deepCopy();
            order.put("id", idBase + i);
            order.put("name", "#" + (idBase + i));
            order.put("updated_at", Instant.now().toString());
            bodies.add(json.writeValueAsString(order));
        }
        double[] latencies = new double[n];
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            inFlight.acquire();
            String body = bodies.get(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", i % 4 == 3 ? "orders/updated" : "orders/create")
                    .header("X-Shopify-Shop-Domain", SHOP)
                    .header("X-Shopify-Webhook-Id", "b5-" + label + "-" + i + "-" + idBase)
                    .header("X-Shopify-Hmac-Sha256", Signatures.base64HmacSha256(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            long sent = System.nanoTime();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                latencies[index] = (System.nanoTime() - sent) / 1e9;
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                inFlight.release();
                return null;
            }));
        }
        double offered = n / ((System.nanoTime() - start) / 1e9);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double span = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        Phase phase = new Phase(n / span, offered, percentile(latencies, 0.5), percentile(latencies, 0.99), latencies[n - 1], failed.get());
        System.out.printf("B5 %s: %,d webhooks in %.1f s, %.0f/s, p50 %s, p99 %s, %d not 200%n", label, n, span, phase.throughput(),
                ms(phase.p50()), ms(phase.p99()), phase.failed());
        return phase;
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(double seconds) {
        return f1(seconds * 1000) + " ms";
    }

}
