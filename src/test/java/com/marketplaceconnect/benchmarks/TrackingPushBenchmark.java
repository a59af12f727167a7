package com.marketplaceconnect.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.marketplaceconnect.benchmarks.Bench.*;
import static com.marketplaceconnect.benchmarks.Report.verdict;

/**
 * B4 tracking push: shipment events on Kafka (shipments.events, key = marketplace order id), one per synced,
 * seller-fulfilled, unshipped Amazon order, through the service's intake (schema, account, order, outbox row) and
 * the Amazon push route (outbox poll, confirmShipment) to the sandbox. Rate limits are off on both sides (the
 * service's client buckets: amazon.rate-limits.enabled=false; the sandbox's usage plans), so the figures are the
 * pipeline's own. Two phases of N events each, on their own orders:
 * <ul>
 *   <li>capacity: all N sent at once; events/s = N / (last confirmShipment call - first send). Target at least 500.</li>
 *   <li>latency: N sent at a steady bench.b4.rate (default 500/s, the throughput target); latency = the sandbox's
 *   arrival time of that order's confirmShipment call minus the send time. Target p99 at most 1 s.</li>
 * </ul>
 * A rate above what the service can take only measures the queue that grows, so latency is measured at the target
 * rate and capacity with a burst. The orders are synced from the sandbox by one sync cycle of the service before
 * the events are sent; one warm-up event (its own order) goes through first so the Kafka consumer has joined its group.
 */
final class TrackingPushBenchmark implements Benchmark {
    static final String TOPIC = "shipments.events";
    static final String CONFIRM_SUFFIX = "/shipmentConfirmation";

    @Override
    public String id() {
        return "B4";
    }

    @Override
    public String title() {
        return "Tracking push (Kafka -> confirmShipment, rate limits off)";
    }

    @Override
    public Report run(BenchOptions options) throws Exception {
        int n = options.b4Events();
        double rate = options.b4Rate();
        Report report = new Report(id(), title() + ": " + String.format("%,d", n) + " events at once (capacity), then "
                + String.format("%,d", n) + " at " + f0(rate) + "/s (latency)");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC, "shipments.events.dlt", "shipments.tracking-pushed");
        broker.afterPropertiesSet();
        try (BenchDatabase db = BenchDatabase.create("b4");
             MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AmazonSeller seller = sandbox.amazon().addSeller("A4BENCHPUSH0001", "EU");
            // Seller-fulfilled orders only (15% are fulfilled by Amazon), all set UNSHIPPED so each can take a package.
            List<String> generated = sandbox.amazon().generateOrders(seller.sellingPartnerId(), IN, (int) Math.ceil((2 * n + 1) * 1.3) + 50,
                    now.minus(Duration.ofDays(1)), now.minus(Duration.ofMinutes(10)), 4L);
            List<String> orders = new ArrayList<>(2 * n + 1);
            for (String id : generated) {
                ObjectNode order = sandbox.amazon().order(id);
                if (orders.size() <= 2 * n && !"AMAZON".equals(order.path("fulfillment").path("fulfilledBy").asText())) {
                    sandbox.amazon().updateOrder(id, "UNSHIPPED", now.minus(Duration.ofMinutes(6)));
                    orders.add(id);
                }
            }
            if (orders.size() < 2 * n + 1) {
                throw new IllegalStateException("only " + orders.size() + " seller-fulfilled orders generated");
            }
            accounts(db.harness()).connect("AMAZON", "EU", seller.sellingPartnerId(), "bench-b4",
                    Map.of("refreshToken", seller.refreshToken()), Map.of("IN", IN));

            Map<String, String> props = ServiceProcess.baseProperties(sandbox, Path.of("target", "bench", "triggers-b4"));
            props.put("amazon.rate-limits.enabled", "false");
            props.put("kafka.bootstrap-servers", broker.getBrokersAsString());
            if (!"default".equals(options.b4PollIntervalMs())) {
                props.put("shipments.push.poll-interval-ms", options.b4PollIntervalMs());
            }
            if (!"default".equals(options.b4BatchSize())) {
                props.put("shipments.push.batch-size", options.b4BatchSize());
            }
            try (ServiceProcess service = ServiceProcess.start("B4", db, options, props);
                 KafkaProducer<String, String> producer = producer(broker)) {
                service.awaitReady(Duration.ofMinutes(5));
                long idleRss = service.rssKb();
                ServiceProcess.Cycle sync = service.runCycle("b4-sync", Duration.ofMinutes(30));
                long synced = count(db.harness(), "select count(*) from orders");
                System.out.printf("B4: %,d orders synced in %.1f s%n", synced, sync.seconds());

                // Warm-up: one event, until its confirmShipment arrives (consumer joined, push path loaded).
                ObjectMapper json = new ObjectMapper();
                producer.send(new ProducerRecord<>(TOPIC, orders.get(0), event(json, seller, orders.get(0), "b4-warmup", now))).get();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (sandbox.calls().matching("POST", "/orders/v0/orders/" + orders.get(0)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the warm-up event was not pushed within 3 minutes: see target/bench/B4-service.log");
                    }
                    Thread.sleep(50);
                }
                sandbox.calls().clear();

                // Phase 1, capacity: n events sent at once; events/s = n / (last confirmShipment - first send).
                // Phase 2, latency: n more events at the target rate (bench.b4.rate); p50/p99 from send to call.
                Phase capacity = phase("capacity", orders.subList(1, n + 1), 0, producer, sandbox, json, seller, now, service, db);
                Phase latency = phase("latency", orders.subList(n + 1, 2 * n + 1), rate, producer, sandbox, json, seller, now, service, db);
                long pushed = count(db.harness(), "select count(*) from shipment_event where state = 'PUSHED'") - 1;
                long rejected = count(db.harness(), "select count(*) from shipment_event where state = 'REJECTED'");
                long failed = count(db.harness(), "select count(*) from shipment_event where state in ('FAILED','DEAD')");
                long pending = count(db.harness(), "select count(*) from shipment_event where state in ('PENDING','IN_FLIGHT')");
                report.add("capacity: events/s, all " + n + " sent at once", f0(capacity.throughput()) + " events/s",
                        ">= 500 events/s (" + capacity.pushed() + " in " + f1(capacity.span()) + " s)",
                        verdict(capacity.complete() && capacity.throughput() >= 500));
                report.add("capacity: CPU", capacity.cpu().per(n, "event"), "", "");
                report.add("latency at " + f0(rate) + " events/s offered: p50", f2(latency.p50()) + " s", "", "");
                report.add("latency at " + f0(rate) + " events/s offered: p99", f2(latency.p99()) + " s",
                        "<= 1 s; max " + f2(latency.max()) + " s", verdict(latency.complete() && latency.p99() <= 1.0));
                report.add("latency phase: offered / pushed rate", f0(latency.offered()) + " / " + f0(latency.throughput()) + " events/s",
                        "bench.b4.rate " + f0(rate), "");
                report.add("latency phase: CPU", latency.cpu().per(n, "event"), "", "");
                report.add("pushed / failed+dead / rejected / still pending", pushed + " / " + failed + " / " + rejected + " / " + pending,
                        2 * n + " / 0 / 0 / 0", verdict(pushed == 2L * n && failed == 0 && rejected == 0));
                report.add("confirmShipment calls / not 204", (capacity.calls() + latency.calls()) + " / " + (capacity.non204() + latency.non204()),
                        2 * n + " / 0", verdict(capacity.calls() + latency.calls() == 2L * n && capacity.non204() + latency.non204() == 0));
                report.add("service peak RSS (VmHWM)", mb(service.peakRssKb()), "idle after start " + mb(idleRss), "");
                report.add("service DB connections (open / peak busy)", Math.max(capacity.open(), latency.open()) + " / "
                        + Math.max(capacity.active(), latency.active()), "", "");
                report.add("windows (UTC)", "capacity " + capacity.first() + " .. " + capacity.last() + "; latency " + latency.first()
                        + " .. " + latency.last(), "", "");
                report.note("rate limits off on both sides: amazon.rate-limits.enabled=false (the confirmShipment bucket, "
                            + "2/s burst 10 per account, would otherwise cap one account at 2 events/s) and the sandbox's usage plans off; "
                            + "shipments.push.poll-interval-ms " + options.b4PollIntervalMs() + ", batch-size " + options.b4BatchSize()
                            + "; one seller, one event per order; " + f0(synced) + " orders synced first (" + f1(sync.seconds()) + " s)");
                report.note("service JVM: " + String.join(" ", options.serviceJvmArgs()) + "; the broker, the sandbox and the producer "
                        + "run in the harness JVM on the same cores");
            }
        } finally {
            broker.destroy();
        }
        return report;
    }

    record Phase(double throughput, double span, double p50, double p99, double max, double offered, int pushed, long calls,
                 long non204, boolean complete, CpuMeter.Used cpu, int open, int active, Instant first, Instant last) {
    }

    /** Sends one event per order (rate events/s, 0 = all at once), waits until all are settled, measures. */
    private static Phase phase(String label, List<String> orders, double rate, KafkaProducer<String, String> producer,
                               MarketplaceSandbox sandbox, ObjectMapper json, AmazonSeller seller, Instant now,
                               ServiceProcess service, BenchDatabase db) throws Exception {
        int n = orders.size();
        sandbox.calls().clear();
        Map<String, Instant> sentAt = new ConcurrentHashMap<>(n * 2);
        List<String> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event(json, seller, orders.get(i), "b4-" + label + "-" + i, now));
        }
        CpuMeter cpu = new CpuMeter(service.pid());
        CpuMeter.Sample cpuBefore = cpu.sample();
        long start = System.nanoTime();
        Instant firstSend = null;
        try (ConnectionSampler sampler = new ConnectionSampler(db.harness())) {
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                String orderId = orders.get(i);
                Instant at = Instant.now();
                if (firstSend == null) {
                    firstSend = at;
                }
                sentAt.put(orderId, at);
                producer.send(new ProducerRecord<>(TOPIC, orderId, events.get(i)));
            }
            producer.flush();
            double offered = n / ((System.nanoTime() - start) / 1e9);
            long timeout = System.nanoTime() + Duration.ofSeconds(120 + n / 10).toNanos();
            String settledSql = "select count(*) from shipment_event where event_id like 'b4-" + label + "-%' "
                    + "and state in ('PUSHED','FAILED','DEAD','REJECTED')";
            // Wait for the n calls in the sandbox's recorder (in memory), then for the rows: the settled-rows query scans
            // the growing outbox, and polling it all along would add PostgreSQL CPU the service does not cause.
            while (sandbox.calls().size() < n && System.nanoTime() < timeout) {
                Thread.sleep(20);
            }
            while (count(db.harness(), settledSql) < n && System.nanoTime() < timeout) {
                Thread.sleep(200);
            }
            CpuMeter.Used used = CpuMeter.between(cpuBefore, cpu.sample());
            List<RecordedCall> confirms = sandbox.calls().all().stream()
                    .filter(c -> "POST".equals(c.method()) && c.path().endsWith(CONFIRM_SUFFIX)).toList();
            Map<String, Instant> firstCall = new HashMap<>();
            long non204 = 0;
            Instant lastCall = null;
            for (RecordedCall c : confirms) {
                String orderId = c.path().substring("/orders/v0/orders/".length(), c.path().length() - CONFIRM_SUFFIX.length());
                firstCall.putIfAbsent(orderId, c.at());
                if (c.status() != 204) {
                    non204++;
                }
                if (lastCall == null || c.at().isAfter(lastCall)) {
                    lastCall = c.at();
                }
            }
            double[] latencies = firstCall.entrySet().stream().filter(e -> sentAt.containsKey(e.getKey()))
                    .mapToDouble(e -> Duration.between(sentAt.get(e.getKey()), e.getValue()).toNanos() / 1e9).sorted().toArray();
            double span = lastCall == null ? Double.NaN : Duration.between(firstSend, lastCall).toNanos() / 1e9;
            System.out.printf("B4 %s phase: %,d events, %.0f events/s, p99 %.2f s%n", label, latencies.length, latencies.length / span,
                    percentile(latencies, 0.99));
            return new Phase(latencies.length / span, span, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    percentile(latencies, 1.0), offered, latencies.length, confirms.size(), non204, latencies.length == n, used,
                    sampler.peakOpen(), sampler.peakActive(), firstSend, lastCall);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaKraftBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // As an upstream producer at this rate would (and Kafka 4's default): records sent within 5 ms share a request.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config);
    }

    /** A shipment event as docs/shipment-event.example.json, for every item of the order (no items list). */
    private static String event(ObjectMapper json, AmazonSeller seller, String orderId, String eventId, Instant now) {
        ObjectNode e = json.createObjectNode();
        e.put("eventId", eventId);
        e.put("marketplace", "AMAZON");
        e.put("externalAccountId", seller.sellingPartnerId());
        e.put("marketplaceOrderId", orderId);
        e.put("carrierCode", "BLUEDART");
        e.put("carrierName", "Blue Dart");
        e.put("shippingMethod", "Standard");
        e.put("trackingNumber", "B4" + Math.abs(eventId.hashCode()));
        e.put("shipDate", now.minus(Duration.ofMinutes(1)).toString());
        return e.toString();
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
