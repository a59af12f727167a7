package com.marketplaceconnect.benchmarks;

import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.benchmarks.Bench.*;
import static com.marketplaceconnect.benchmarks.Report.verdict;

/**
 * B2 API efficiency: the sandbox enforces Amazon's usage plans (searchOrders: rate 0.0056/s, burst 20), time sped up
 * by a factor F on both sides (sandbox buckets and the service's client buckets). A sync of N orders needs N/100
 * searchOrders pages; with a full bucket (N/100 ≤ 20) it waits for nothing, so the bucket only matters once it is
 * used up. The benchmark therefore runs two cycles for one seller: "prime" syncs N older orders and uses up the
 * burst; "sustained" then syncs N new orders at once, starting with an almost empty bucket. For the sustained cycle
 * the token-bucket lower bound is (pages − k0) / (r·F), with k0 the tokens the sandbox bucket can hold at its start
 * (20 − pages already consumed + refill since the first call, at most 20). Targets: 0 responses 429, wall time at
 * most 1.05 × the bound. Beside it: the calls and time the Orders v0 pattern (getOrders pages + getOrderItems per
 * order) would need for the same orders.
 */
final class ApiEfficiencyBenchmark implements Benchmark {
    static final String SEARCH = "/orders/2026-01-01/orders";
    static final String TOKEN = "/auth/o2/token";
    static final double RATE = 0.0056;
    static final int BURST = 20;
    /** Orders v0 usage plans (SP-API documentation): getOrders 0.0167/s burst 20, getOrderItems 0.5/s burst 30. */
    static final double V0_ITEMS_RATE = 0.5;
    static final int V0_ITEMS_BURST = 30;
    static final double V0_ORDERS_RATE = 0.0167;
    static final int V0_ORDERS_BURST = 20;

    /** Every call of both cycles (time, path, status) in target/bench/B2-calls.txt, to see how the calls were paced. */
    private static void writeTimeline(List<RecordedCall> prime, List<RecordedCall> sustained) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (List<RecordedCall> phase : List.of(prime, sustained)) {
            sb.append(phase == prime ? "# prime\n" : "# sustained\n");
            for (RecordedCall c : phase) {
                sb.append(c.at()).append(' ').append(c.method()).append(' ').append(c.path()).append(' ').append(c.status()).append('\n');
            }
        }
        java.nio.file.Files.writeString(ServiceProcess.BENCH_DIR.resolve("B2-calls.txt"), sb);
    }

    @Override
    public String id() {
        return "B2";
    }

    @Override
    public String title() {
        return "API efficiency (usage plans enforced)";
    }

    @Override
    public Report run(BenchOptions options) throws Exception {
        int n = options.b2Orders();
        double factor = options.b2TimeFactor();
        int pages = (n + 99) / 100;
        Report report = new Report(id(), title() + ": " + String.format("%,d", n) + " orders, time factor " + f0(factor));
        try (BenchDatabase db = BenchDatabase.create("b2");
             MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withTimeFactor(factor))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AmazonSeller seller = sandbox.amazon().addSeller("A1BENCHAPIEFF01", "EU");
            sandbox.amazon().generateOrders(seller.sellingPartnerId(), IN, n, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(30)), 7L);
            long account = accounts(db.harness()).connect("AMAZON", "EU", seller.sellingPartnerId(), "bench-b2",
                    Map.of("refreshToken", seller.refreshToken()), Map.of("IN", IN));

            Map<String, String> props = ServiceProcess.baseProperties(sandbox, Path.of("target", "bench", "triggers-b2"));
            props.put("amazon.rate-limits.enabled", "true");
            props.put("amazon.rate-limits.time-factor", String.valueOf(factor));
            try (ServiceProcess service = ServiceProcess.start("B2", db, options, props)) {
                service.awaitReady(Duration.ofMinutes(5));
                sandbox.calls().clear();
                ServiceProcess.Cycle prime = service.runCycle("b2-prime", Duration.ofMinutes(10));
                List<RecordedCall> primeCalls = sandbox.calls().all();
                List<RecordedCall> primeSearches = primeCalls.stream().filter(c -> c.path().equals(SEARCH)).toList();
                long primeOk = primeSearches.stream().filter(c -> c.status() == 200).count();
                long primeThrottled = primeSearches.stream().filter(c -> c.status() == 429).count();
                long primeTokens = primeCalls.stream().filter(c -> c.path().equals(TOKEN)).count();
                Instant firstCall = primeSearches.isEmpty() ? Instant.now() : primeSearches.get(0).at();

                // N new orders inside the next window: last updated in (watermark - overlap, watermark].
                Instant watermark = new JdbcTemplate(db.harness()).queryForObject(
                        "select watermark from sync_cursor where account_id = ?", Timestamp.class, account).toInstant();
                sandbox.amazon().generateOrders(seller.sellingPartnerId(), IN, n, watermark.minus(Duration.ofMinutes(9)),
                        watermark.minus(Duration.ofMinutes(1)), 8L);

                sandbox.calls().clear();
                ServiceProcess.Cycle sustained = service.runCycle("b2-sustained", Duration.ofMinutes(30));
                List<RecordedCall> calls = sandbox.calls().all();
                writeTimeline(primeCalls, calls);
                List<RecordedCall> searches = calls.stream().filter(c -> c.path().equals(SEARCH)).toList();
                long ok = searches.stream().filter(c -> c.status() == 200).count();
                long throttled = searches.stream().filter(c -> c.status() == 429).count();
                long tokens = calls.stream().filter(c -> c.path().equals(TOKEN)).count();
                long stored = count(db.harness(), "select count(*) from orders where account_id = ?", account);

                double perSecond = RATE * factor;
                double elapsedSinceFirst = Duration.between(firstCall, Instant.ofEpochMilli(sustained.startMillis())).toNanos() / 1e9;
                double k0 = Math.min(BURST, Math.max(0, BURST - primeOk + elapsedSinceFirst * perSecond));
                double bound = Math.max(0, pages - k0) / perSecond;
                double ratio = sustained.seconds() / bound;

                report.add("sustained: searchOrders calls", String.valueOf(searches.size()), "lower bound " + pages + " (1 per 100 orders)",
                        verdict(searches.size() == pages));
                report.add("sustained: LWA token calls", String.valueOf(tokens), "lower bound 0 (token cached < 1 h)", verdict(tokens == 0));
                report.add("sustained: 429 responses", String.valueOf(throttled), "0", verdict(throttled == 0));
                report.add("sustained: wall time", f1(sustained.seconds()) + " s",
                        "token-bucket bound " + f1(bound) + " s (k0 = " + f1(k0) + " tokens)", "");
                report.add("sustained: wall / bound", f2(ratio), "<= 1.05", verdict(throttled == 0 && ratio <= 1.05));
                report.add("sustained: same at real time (F = 1)", f0(sustained.seconds() * factor / 60) + " min",
                        "bound " + f0(bound * factor / 60) + " min", "");
                report.add("prime: searchOrders / token / 429", primeSearches.size() + " / " + primeTokens + " / " + primeThrottled,
                        "lower bound " + pages + " / 1 / 0", verdict(primeSearches.size() == pages && primeTokens == 1 && primeThrottled == 0));
                report.add("prime: wall time (bucket full, bound ~0)", f1(prime.seconds()) + " s", "", "");
                long v0Calls = (long) pages + n + 1;
                double v0Seconds = Math.max(Math.max(0, n - V0_ITEMS_BURST) / V0_ITEMS_RATE, Math.max(0, pages - V0_ORDERS_BURST) / V0_ORDERS_RATE);
                report.add("v0 pattern (getOrders + getOrderItems per order)", String.format("%,d calls", v0Calls),
                        "bound " + f0(v0Seconds / 60) + " min at real time (getOrderItems 0.5/s, burst 30)", "");
                report.add("stored orders", String.valueOf(stored), String.valueOf(2L * n), verdict(stored == 2L * n));
                report.note("both sides' buckets run " + f0(factor) + "x faster than Amazon's plans; the bound counts only waiting for "
                        + "searchOrders tokens, so wall/bound - 1 is the service's own overhead per cycle");
            }
        }
        return report;
    }
}
