package com.marketplaceconnect.benchmarks;

import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.benchmarks.Bench.*;
import static com.marketplaceconnect.benchmarks.Report.verdict;

/**
 * B1 ingest: one seller's backfill of N orders (1–3 items each) with rate limits off, end to end through the
 * service (sandbox → LWA → searchOrders pages → mapping → one upsert per page → watermark), against the database's
 * own limit measured in the same run: the same, already parsed rows stored by hand-written batched JDBC into the same
 * (emptied) tables. Target: pipeline rate at least 0.7 of the raw rate.
 */
final class IngestBenchmark implements Benchmark {
    /** The service's sync.store-batch-orders (config/application.yaml): orders per store statement. */
    private static final int STORE_BATCH_ORDERS = 1000;

    @Override
    public String id() {
        return "B1";
    }

    @Override
    public String title() {
        return "Ingest (backfill, rate limits off)";
    }

    @Override
    public Report run(BenchOptions options) throws Exception {
        int n = options.b1Orders();
        Report report = new Report(id(), title() + ": " + String.format("%,d", n) + " orders");
        try (BenchDatabase db = BenchDatabase.create("b1");
             MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AmazonSeller seller = sandbox.amazon().addSeller("A1BENCHINGEST01", "EU");
            long t = System.nanoTime();
            sandbox.amazon().generateOrders(seller.sellingPartnerId(), IN, n, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), 6L);
            double generated = (System.nanoTime() - t) / 1e9;
            long account = accounts(db.harness()).connect("AMAZON", "EU", seller.sellingPartnerId(), "bench-b1",
                    Map.of("refreshToken", seller.refreshToken()), Map.of("IN", IN));

            // The same orders, fetched and parsed once outside any timing of the database.
            t = System.nanoTime();
            ParsedOrders.Fetched fetchedOrders = ParsedOrders.fetch(sandbox, seller, IN, now.minus(Duration.ofDays(30)), now.minus(Duration.ofMinutes(2)));
            double fetched = (System.nanoTime() - t) / 1e9;
            List<ParsedOrders.Order> parsed = fetchedOrders.orders();
            long items = parsed.stream().mapToLong(o -> o.items().size()).sum();
            System.out.printf("B1: %,d orders (%,d items) generated in %.1f s; fetched+parsed by the harness in %.1f s%n",
                    parsed.size(), items, generated, fetched);

            double raw100 = rawRun(db, account, parsed, 100, items);
            double raw1000 = rawRun(db, account, parsed, 1000, items);
            // The same writes as the service's statement since orders.changed: each order's outbox row too.
            double raw100e = rawRun(db, account, parsed, 100, items, true);
            double raw1000e = rawRun(db, account, parsed, 1000, items, true);
            List<Map<String, Object>> documents = fetchedOrders.batches(STORE_BATCH_ORDERS);
            double statement = ServiceSqlUpsert.run(db.harness(), account, documents);
            verifyAndEmpty(db, parsed.size(), items);
            System.out.printf("B1: the service's upsert-orders.sql alone, %d statements of up to %d orders: %.1f s (%,.0f orders/s)%n",
                    documents.size(), STORE_BATCH_ORDERS, statement, n / statement);
            documents = null;
            parsed = null;
            fetchedOrders = null;
            double rawRate = n / Math.min(raw100, raw1000);
            double rawEventsRate = n / Math.min(raw100e, raw1000e);

            sandbox.calls().clear();
            Map<String, String> props = ServiceProcess.baseProperties(sandbox, Path.of("target", "bench", "triggers-b1"));
            props.put("amazon.rate-limits.enabled", "false");
            if (!"default".equals(options.parallelAccounts())) {
                props.put("sync.parallel-accounts", options.parallelAccounts());
            }
            try (ServiceProcess service = ServiceProcess.start("B1", db, options, props)) {
                service.awaitReady(Duration.ofMinutes(5));
                service.awaitSyncConsumers(Duration.ofMinutes(1));
                long idleRss = service.rssKb();
                ServiceProcess.Cycle cycle;
                int poolOpen;
                int poolActive;
                try (ConnectionSampler sampler = new ConnectionSampler(db.harness())) {
                    cycle = service.runCycle("b1-backfill", Duration.ofHours(1));
                    poolOpen = sampler.peakOpen();
                    poolActive = sampler.peakActive();
                }
                // orders.changed: the outbox drains after the cycle (the sync does not wait for it); how long after.
                long drainStart = System.nanoTime();
                long unsent = count(db.harness(), "select count(*) from order_events");
                while (unsent > 0 && System.nanoTime() - drainStart < Duration.ofMinutes(10).toNanos()) {
                    Thread.sleep(200);
                    unsent = count(db.harness(), "select count(*) from order_events");
                }
                double drained = (System.nanoTime() - drainStart) / 1e9;
                // Events written: the outbox deletes what it sent, its id sequence counts them (reset by the truncate).
                long events = count(db.harness(), "select case when is_called then last_value else 0 end from order_events_id_seq");
                long peakRss = service.peakRssKb();
                long stored = count(db.harness(), "select count(*) from orders where account_id = ?", account);
                long storedItems = count(db.harness(), "select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?", account);
                Map<String, Object> run = new JdbcTemplate(db.harness()).queryForMap(
                        "select status, pages, api_calls, orders_inserted from sync_run where account_id = ? order by id desc limit 1", account);
                double pipelineRate = n / cycle.seconds();
                double ratio = pipelineRate / rawRate;
                double sameWritesRatio = pipelineRate / rawEventsRate;

                report.add("pipeline, end to end", f0(pipelineRate) + " orders/s", f1(cycle.seconds()) + " s for " + String.format("%,d", n), "");
                report.add("raw JDBC batched upsert, 100 orders/tx", f0(n / raw100) + " orders/s", f1(raw100) + " s", "");
                report.add("raw JDBC batched upsert, 1000 orders/tx", f0(n / raw1000) + " orders/s", f1(raw1000) + " s", "");
                report.add("upsert-orders.sql alone (JDBC, " + STORE_BATCH_ORDERS + " orders/statement)", f0(n / statement) + " orders/s",
                        f1(statement) + " s", "");
                report.add("raw JDBC, 100 / 1000 orders/tx, with outbox rows", f0(n / raw100e) + " / " + f0(n / raw1000e) + " orders/s",
                        f1(raw100e) + " s / " + f1(raw1000e) + " s", "");
                report.add("pipeline / raw with outbox rows (best): the same writes", f2(sameWritesRatio), ">= 0.70", verdict(sameWritesRatio >= 0.7));
                report.add("pipeline / raw without outbox rows (best): as before orders.changed", f2(ratio), "(0.70)", "");
                report.add("orders.changed events sent / left; all sent after the cycle", (events - unsent) + " / " + unsent
                        + "; +" + f1(drained) + " s", events + " events", verdict(unsent == 0 && events == n));
                report.add("service peak RSS (VmHWM)", mb(peakRss), "idle after start " + mb(idleRss), "");
                report.add("service DB connections (open / peak busy)", poolOpen + " / " + poolActive, "", "");
                report.add("stored orders / items", stored + " / " + storedItems, n + " / " + items, verdict(stored == n && storedItems == items));
                report.add("sync run", run.get("status") + ", " + run.get("pages") + " pages, " + run.get("api_calls") + " calls", "", "");
                report.add("harness: generate / fetch+parse", f1(generated) + " s / " + f1(fetched) + " s",
                        "sandbox source rate " + f0(n / fetched) + " orders/s", "");
                report.note("service JVM: " + String.join(" ", options.serviceJvmArgs()) + "; peak RSS is the service process's VmHWM "
                        + "(the sandbox and the raw JDBC run live in the harness JVM)");
            }
        }
        return report;
    }

    private static double rawRun(BenchDatabase db, long account, List<ParsedOrders.Order> parsed, int batch, long items) throws Exception {
        return rawRun(db, account, parsed, batch, items, false);
    }

    private static double rawRun(BenchDatabase db, long account, List<ParsedOrders.Order> parsed, int batch, long items,
                                 boolean withEvents) throws Exception {
        double seconds = RawUpsert.run(db.harness(), account, parsed, batch, withEvents);
        verifyAndEmpty(db, parsed.size(), items);
        System.out.printf("B1: raw JDBC upsert%s, %d orders per transaction: %.1f s (%,.0f orders/s)%n",
                withEvents ? " with outbox rows" : "", batch, seconds, parsed.size() / seconds);
        return seconds;
    }

    private static void verifyAndEmpty(BenchDatabase db, long orders, long items) {
        long stored = count(db.harness(), "select count(*) from orders");
        long storedItems = count(db.harness(), "select count(*) from order_item");
        if (stored != orders || storedItems != items) {
            throw new IllegalStateException("stored " + stored + " orders / " + storedItems + " items, expected " + orders + " / " + items);
        }
        new JdbcTemplate(db.harness()).execute("truncate order_item, orders, shipment_event, order_events restart identity cascade");
        new JdbcTemplate(db.harness()).execute("vacuum analyze orders");
        new JdbcTemplate(db.harness()).execute("vacuum analyze order_item");
    }
}
