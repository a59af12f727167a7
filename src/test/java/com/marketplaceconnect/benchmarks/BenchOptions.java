package com.marketplaceconnect.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command's options, as system properties (the Maven profile {@code bench} passes them on):
 * {@code bench} (all, or e.g. B1 or B1,B3), sizes, the service JVM's options and the two knobs of a sync cycle.
 * "default" for a knob leaves the value of config/application.yaml.
 */
record BenchOptions(List<String> selected, int b1Orders, int b2Orders, double b2TimeFactor, int b3Accounts,
                    int b3OrdersPerAccount, List<String> serviceJvmArgs, String parallelAccounts, String poolSize,
                    boolean jfr, int b4Events, double b4Rate, String b4PollIntervalMs, String b4BatchSize) {

    static BenchOptions fromSystemProperties() {
        String bench = System.getProperty("bench", "all").trim();
        List<String> selected = bench.isEmpty() || bench.equalsIgnoreCase("all") ? List.of()
                : Arrays.stream(bench.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        return new BenchOptions(selected,
                Integer.getInteger("bench.orders", 100_000),
                Integer.getInteger("bench.b2.orders", 2_000),
                Double.parseDouble(System.getProperty("bench.b2.time-factor", "100")),
                Integer.getInteger("bench.accounts", 10_000),
                Integer.getInteger("bench.orders-per-account", 5),
                split(System.getProperty("bench.service-jvm-args", "-Xmx384m -XX:TieredStopAtLevel=1")),
                System.getProperty("bench.parallel-accounts", "default").trim(),
                System.getProperty("bench.pool-size", "default").trim(),
                Boolean.parseBoolean(System.getProperty("bench.jfr", "false")),
                Integer.getInteger("bench.events", 10_000),
                Double.parseDouble(System.getProperty("bench.b4.rate", "500")),
                System.getProperty("bench.b4.poll-interval-ms", "default").trim(),
                System.getProperty("bench.b4.batch-size", "default").trim());
    }

    boolean runs(String id) {
        return selected.isEmpty() || selected.contains(id);
    }

    private static List<String> split(String args) {
        List<String> result = new ArrayList<>();
        for (String a : args.trim().split("\\s+")) {
            if (!a.isEmpty()) {
                result.add(a);
            }
        }
        return result;
    }
}
