package com.marketplaceconnect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks of issue 6 and prints their figures (BENCHMARKS.md): {@code mvn -B -Pbench verify} runs all,
 * {@code -Dbench=B1 -Dbench.orders=20000} one with a smaller size. Nothing here is part of {@code mvn verify}.
 * Each benchmark starts what it needs: a fresh PostgreSQL database, the marketplace sandbox (in this JVM), and the
 * service in its own JVM. The figures also go to target/bench/results-*.md.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    static Map<String, Benchmark> benchmarks() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark b : List.of(new IngestBenchmark(), new ApiEfficiencyBenchmark(), new AccountScaleBenchmark(),
                new TrackingPushBenchmark(), new ShopifyWebhookBenchmark())) {
            all.put(b.id(), b);
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Map<String, Benchmark> all = benchmarks();
        for (String id : options.selected()) {
            if (!all.containsKey(id)) {
                System.err.println("Unknown benchmark " + id + "; known: " + all.keySet());
                System.exit(2);
            }
        }
        String machine = machine();
        System.out.println(machine);
        List<Report> reports = new ArrayList<>();
        boolean failed = false;
        for (Benchmark b : all.values()) {
            if (!options.runs(b.id())) {
                continue;
            }
            System.out.println(">> " + b.id() + " " + b.title() + " (load average " + Bench.loadAverage() + ")");
            long start = System.nanoTime();
            try {
                Report r = b.run(options);
                r.note("load average (1/5/15 min) after the run: " + Bench.loadAverage() + "; benchmark took "
                        + Bench.f0((System.nanoTime() - start) / 1e9) + " s including setup");
                reports.add(r);
                System.out.println(r.text());
            } catch (Exception e) {
                failed = true;
                System.err.println(b.id() + " failed: " + e);
                e.printStackTrace();
            }
        }
        StringBuilder md = new StringBuilder("## Run of " + LocalDateTime.now().withNano(0) + "\n\n" + machine.replace("\n", "  \n") + "\n\n");
        reports.forEach(r -> md.append(r.markdown()));
        Path out = ServiceProcess.BENCH_DIR.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println("==================== summary ====================");
        reports.forEach(r -> System.out.print(r.text()));
        System.out.println("(also written to " + out + ")");
        System.exit(failed ? 1 : 0);
    }

    private static String machine() {
        String pg;
        try (BenchDatabase db = BenchDatabase.create("info")) {
            pg = "PostgreSQL " + db.serverVersion() + " (" + db.kind + ")";
        } catch (Exception e) {
            pg = "PostgreSQL: " + e.getMessage();
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + Bench.cpuModel() + "), " + Bench.memTotal()
                + " memory; Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "); "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n" + pg
                + "\nLoad average at start (1/5/15 min): " + Bench.loadAverage();
    }
}
