package com.marketplaceconnect.benchmarks;

import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service under benchmark in its own JVM, as in production: {@code java <jvm args> -cp target/classes:<runtime
 * classpath> com.marketplaceconnect.MarketplaceConnectApplication}, with config/application.yaml and routes/*.yaml from
 * the project directory, pointed at a benchmark database and the harness's sandbox. One extra route
 * (src/test/resources/benchmarks/bench-cycle.yaml) lets the harness start a sync cycle by dropping a file; the cycle
 * is timed between the route's START and END log lines. Peak RSS is the kernel's VmHWM of this process.
 */
final class ServiceProcess implements AutoCloseable {
    static final Path BENCH_DIR = Path.of("target", "bench");
    static final String KEYSET_FILE = BENCH_DIR.resolve("dev-keyset.json").toString();
    /** Partitions of sync.requests on the broker a benchmark gets from here. */
    static final int SYNC_PARTITIONS = 12;

    record Cycle(String name, long startNanos, long endNanos, long startMillis) {
        Duration duration() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final Process process;
    private final Path triggerDir;
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final Map<String, Long> starts = new ConcurrentHashMap<>();
    private final Map<String, Long> startMillis = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Cycle>> cycles = new ConcurrentHashMap<>();
    /** Partitions of sync.requests assigned to the service's consumers so far. */
    private final java.util.Set<String> syncPartitions = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> syncConsumersJoined = new CompletableFuture<>();
    private final String label;
    private final org.springframework.kafka.test.EmbeddedKafkaKraftBroker ownBroker;

    private ServiceProcess(String label, Process process, Path triggerDir, Path log,
                           org.springframework.kafka.test.EmbeddedKafkaKraftBroker ownBroker) {
        this.label = label;
        this.ownBroker = ownBroker;
        this.process = process;
        this.triggerDir = triggerDir;
        Thread reader = new Thread(() -> read(log), "bench-service-output-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /** Properties every benchmark passes: database, sandbox, credentials key, no schedule, the cycle trigger. */
    static Map<String, String> baseProperties(MarketplaceSandbox sandbox, Path triggerDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("amazon.lwa.token-url", sandbox.baseUrl() + "/auth/o2/token");
        p.put("amazon.endpoints.na", sandbox.baseUrl());
        p.put("amazon.endpoints.eu", sandbox.baseUrl());
        p.put("amazon.endpoints.fe", sandbox.baseUrl());
        p.put("amazon.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("credentials.dev-keyset-file", KEYSET_FILE);
        p.put("camel.main.routes-include-pattern", "file:routes/*.yaml,file:" + BENCH_DIR.resolve("bench-cycle.yaml"));
        p.put("bench.trigger-dir", triggerDir.toString());
        return p;
    }

    static ServiceProcess start(String label, BenchDatabase db, BenchOptions options, Map<String, String> properties)
            throws IOException {
        Files.createDirectories(BENCH_DIR);
        try (var in = ServiceProcess.class.getResourceAsStream("/benchmarks/bench-cycle.yaml")) {
            Files.copy(in, BENCH_DIR.resolve("bench-cycle.yaml"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path triggerDir = Path.of(properties.get("bench.trigger-dir"));
        Files.createDirectories(triggerDir);
        Path classpathFile = BENCH_DIR.resolve("service-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: run the benchmarks with `mvn -Pbench verify`");
        }
        String classpath = Path.of("target", "classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serviceJvmArgs());
        if (options.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + BENCH_DIR.resolve(label + "-service.jfr") + ",settings=profile,dumponexit=true");
        }
        command.add("-cp");
        command.add(classpath);
        command.add("com.marketplaceconnect.MarketplaceConnectApplication");
        // Sync cycles fan out over the sync.requests topic: a benchmark that brings no broker gets one of its own here.
        org.springframework.kafka.test.EmbeddedKafkaKraftBroker ownBroker = null;
        if (!properties.containsKey("kafka.bootstrap-servers")) {
            ownBroker = new org.springframework.kafka.test.EmbeddedKafkaKraftBroker(1, SYNC_PARTITIONS, "sync.requests");
            ownBroker.afterPropertiesSet();
            command.add("--kafka.bootstrap-servers=" + ownBroker.getBrokersAsString());
        }
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // Secrets and the database go in by environment, as in production, not on the command line.
        env.put("DATABASE_URL", db.url);
        env.put("DATABASE_USER", db.user);
        env.put("DATABASE_PASSWORD", db.password);
        env.put("AMAZON_LWA_CLIENT_ID", SandboxSettings.DEFAULT_CLIENT_ID);
        env.put("AMAZON_LWA_CLIENT_SECRET", SandboxSettings.DEFAULT_CLIENT_SECRET);
        if (!"default".equals(options.poolSize())) {
            env.put("DATABASE_POOL_SIZE", options.poolSize());
        }
        Path log = BENCH_DIR.resolve(label + "-service.log");
        return new ServiceProcess(label, builder.start(), triggerDir, log, ownBroker);
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                out.println(line);
                int at;
                if ((at = line.indexOf("BENCH-CYCLE-START ")) >= 0) {
                    String name = line.substring(at + 18).trim();
                    starts.put(name, now);
                    startMillis.put(name, System.currentTimeMillis());
                } else if ((at = line.indexOf("BENCH-CYCLE-END ")) >= 0) {
                    String name = line.substring(at + 16).trim();
                    Long start = starts.get(name);
                    cycles.computeIfAbsent(name, k -> new CompletableFuture<>())
                            .complete(new Cycle(name, start == null ? now : start, now, startMillis.getOrDefault(name, 0L)));
                } else if (line.contains("groupId=marketplace-connect-sync] Adding newly assigned partitions:")) {
                    for (String partition : line.substring(line.indexOf("partitions:") + 11).split(",")) {
                        if (!partition.isBlank()) {
                            syncPartitions.add(partition.trim());
                        }
                    }
                    if (syncPartitions.size() >= SYNC_PARTITIONS) {
                        syncConsumersJoined.complete(null);
                    }
                } else if (line.contains("Started MarketplaceConnectApplication")) {
                    ready.complete(now);
                } else if (line.contains("APPLICATION FAILED TO START")) {
                    ready.completeExceptionally(new IllegalStateException("the service failed to start: see " + log));
                }
            }
            out.flush();
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("the service exited (code " + exitCode() + "): see " + log));
        cycles.values().forEach(c -> c.completeExceptionally(new IllegalStateException("the service exited: see " + log)));
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    void awaitReady(Duration timeout) throws Exception {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the service's sync-requests consumers own every partition of the topic (the harness's own broker),
     * so that a timed cycle does not include the consumer group forming once after start-up, which a running
     * service has long done. Gives up quietly after the timeout (the cycle then includes it).
     */
    void awaitSyncConsumers(Duration timeout) throws InterruptedException {
        try {
            syncConsumersJoined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.println("the service's sync consumers did not own all " + SYNC_PARTITIONS + " partitions within " + timeout
                    + " (" + syncPartitions.size() + "): the cycle includes the rest of the group's forming");
        }
    }

    /** Starts one sync cycle (direct:amazon-sync-all) in the service and waits until it has finished. */
    Cycle runCycle(String name, Duration timeout) throws Exception {
        CompletableFuture<Cycle> done = cycles.computeIfAbsent(name, k -> new CompletableFuture<>());
        Path tmp = triggerDir.resolve("." + name);
        Files.writeString(tmp, name);
        Files.move(tmp, triggerDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size of the service process so far (kB), from /proc/PID/status. */
    long peakRssKb() throws IOException {
        return statusField("VmHWM:");
    }

    long rssKb() throws IOException {
        return statusField("VmRSS:");
    }

    private long statusField(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (ownBroker != null) {
            ownBroker.destroy();
        }
    }

    @Override
    public String toString() {
        return "service " + label + " (pid " + process.pid() + ")";
    }
}
