package com.marketplaceconnect.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service as a real, separate JVM ({@code java -cp target/classes:<runtime classpath>
 * com.marketplaceconnect.MarketplaceConnectApplication --key=value ...}), started from the project directory so it
 * reads config/ and routes/ as in production; killed with SIGKILL ({@link Process#destroyForcibly()} on Linux).
 * Its output goes to target/reliability/service-N.log.
 */
final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static int started;

    final int port;
    final Path log;
    private final Process process;

    private ServiceProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(int port, Map<String, String> properties) throws IOException {
        Path classpathFile = Path.of("target/reliability-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("target/reliability-classpath.txt is missing: run with -Preliability (RELIABILITY.md)");
        }
        String classpath = "target/classes" + File.pathSeparator + Files.readString(classpathFile).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "com.marketplaceconnect.MarketplaceConnectApplication",
                "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(Path.of("target/reliability"));
        Path log = Path.of("target/reliability/service-" + (++started) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(port, log, process);
    }

    /** Waits until the service answers its health endpoint (any status: it is up and serving). */
    ServiceProcess awaitUp(Duration atMost) throws Exception {
        Instant until = Instant.now().plus(atMost);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) throw new IllegalStateException("the service exited with " + process.exitValue() + ", see " + log);
            try {
                int status = get("/actuator/health").statusCode();
                if (status == 200 || status == 503) return this;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not come up within " + atMost + ", see " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + CrashIT.API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + CrashIT.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }
}
