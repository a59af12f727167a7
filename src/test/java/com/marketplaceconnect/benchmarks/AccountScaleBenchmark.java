package com.marketplaceconnect.benchmarks;

import com.marketplaceconnect.accounts.AccountRepository;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.marketplaceconnect.benchmarks.Bench.*;
import static com.marketplaceconnect.benchmarks.Report.verdict;

/**
 * B3 account scale: A accounts, each synced before (a watermark 15 minutes old) and with K new orders since, in one
 * sync cycle of a freshly started service: per account a database lock, a window, an LWA token call (the service's
 * token cache is empty after a start, so the cycle pays one per account, as the first cycle of every hour does), one
 * searchOrders page, one upsert, the watermark. Accounts are seeded directly (AccountRepository.connect, sealed
 * credentials as usual; sandbox addSeller), not through the API. Targets: cycle at most 120 s on 2 cores, peak RSS at
 * most 512 MB. Knobs: sync.parallel-accounts (-Dbench.parallel-accounts) and the Hikari pool (-Dbench.pool-size).
 */
final class AccountScaleBenchmark implements Benchmark {
    @Override
    public String id() {
        return "B3";
    }

    @Override
    public String title() {
        return "Account scale (one sync cycle)";
    }

    @Override
    public Report run(BenchOptions options) throws Exception {
        int accounts = options.b3Accounts();
        int perAccount = options.b3OrdersPerAccount();
        Report report = new Report(id(), title() + ": " + String.format("%,d", accounts) + " accounts x " + perAccount + " new orders");
        try (BenchDatabase db = BenchDatabase.create("b3"); MarketplaceSandbox sandbox = MarketplaceSandbox.start(SandboxSettings.defaults())) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            long t = System.nanoTime();
            AccountRepository repository = accounts(db.harness());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> seeded = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                int index = i;
                seeded.add(pool.submit(() -> {
                    AmazonSeller seller = sandbox.amazon().addSeller(String.format("A3SCALE%08d", index), "EU");
                    sandbox.amazon().generateOrders(seller.sellingPartnerId(), IN, perAccount, now.minus(Duration.ofMinutes(14)),
                            now.minus(Duration.ofMinutes(4)), index);
                    repository.connect("AMAZON", "EU", seller.sellingPartnerId(), null,
                            Map.of("refreshToken", seller.refreshToken()), Map.of("IN", IN));
                    return null;
                }));
            }
            for (Future<?> f : seeded) {
                f.get();
            }
            pool.shutdown();
            new JdbcTemplate(db.harness()).update("insert into sync_cursor (account_id, marketplace_code, watermark) "
                    + "select id, 'IN', ? from seller_account", Timestamp.from(now.minus(Duration.ofMinutes(15))));
            new JdbcTemplate(db.harness()).execute("vacuum analyze");
            System.out.printf("B3: seeded %,d accounts and %,d orders in %.1f s%n", accounts, accounts * perAccount, (System.nanoTime() - t) / 1e9);

            Map<String, String> props = ServiceProcess.baseProperties(sandbox, Path.of("target", "bench", "triggers-b3"));
            if (!"default".equals(options.parallelAccounts())) {
                props.put("sync.parallel-accounts", options.parallelAccounts());
            }
            try (ServiceProcess service = ServiceProcess.start("B3", db, options, props)) {
                service.awaitReady(Duration.ofMinutes(5));
                long idleRss = service.rssKb();
                sandbox.calls().clear();
                ServiceProcess.Cycle cycle;
                int open;
                int active;
                CpuMeter cpu = new CpuMeter(service.pid());
                CpuMeter.Used used;
                try (ConnectionSampler sampler = new ConnectionSampler(db.harness())) {
                    CpuMeter.Sample before = cpu.sample();
                    cycle = service.runCycle("b3-cycle", Duration.ofMinutes(30));
                    used = CpuMeter.between(before, cpu.sample());
                    open = sampler.peakOpen();
                    active = sampler.peakActive();
                }
                long peakRss = service.peakRssKb();
                List<RecordedCall> calls = sandbox.calls().all();
                long searches = calls.stream().filter(c -> c.path().equals(ApiEfficiencyBenchmark.SEARCH)).count();
                long throttled = calls.stream().filter(c -> c.path().equals(ApiEfficiencyBenchmark.SEARCH) && c.status() == 429).count();
                long tokens = calls.stream().filter(c -> c.path().equals(ApiEfficiencyBenchmark.TOKEN)).count();
                long succeeded = count(db.harness(), "select count(*) from sync_run where status = 'SUCCEEDED'");
                long failed = count(db.harness(), "select count(*) from sync_run where status <> 'SUCCEEDED'");
                long stored = count(db.harness(), "select count(*) from orders");

                report.add("cycle wall time", f1(cycle.seconds()) + " s", "<= 120 s (" + f0(accounts / cycle.seconds()) + " accounts/s)",
                        verdict(cycle.seconds() <= 120 && succeeded == accounts));
                report.add("service peak RSS (VmHWM)", mb(peakRss), "<= 512 MB; idle after start " + mb(idleRss), verdict(peakRss <= 512 * 1024));
                report.add("CPU during the cycle", used.per(accounts, "account"), "", "");
                report.add("service DB connections (open / peak busy)", open + " / " + active,
                        "pool " + options.poolSize() + ", parallel accounts " + options.parallelAccounts(), "");
                report.add("runs succeeded / other", succeeded + " / " + failed, String.valueOf(accounts), verdict(succeeded == accounts));
                report.add("stored orders", String.valueOf(stored), String.valueOf((long) accounts * perAccount), verdict(stored == (long) accounts * perAccount));
                report.add("SP-API searchOrders calls / 429", searches + " / " + throttled, accounts + " / 0", verdict(searches == accounts && throttled == 0));
                report.add("LWA token calls", String.valueOf(tokens), accounts + " (1 per account per hour; cache empty after start)", "");
                report.note("service JVM: " + String.join(" ", options.serviceJvmArgs()) + "; peak RSS is the service process's VmHWM; "
                        + "the sandbox (" + accounts + " sellers) runs in the harness JVM on the same 2 cores");
            }
        }
        return report;
    }
}
