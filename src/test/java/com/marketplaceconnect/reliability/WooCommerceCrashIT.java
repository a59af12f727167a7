package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import com.marketplaceconnect.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WooCommerce under SIGKILL ({@code mvn -B -Preliability verify}, RELIABILITY.md), as CrashIT: the service as its own
 * JVM against this JVM's sandbox store, an embedded Kafka, a fresh PostgreSQL. The service is killed in the middle of a
 * reconciliation and of tracking pushes; while it is down the store changes orders (their webhook deliveries fail and
 * are never retried); it comes back on the same address. Nothing may be lost or stored twice: every order of the store
 * stored once with its latest status, every event pushed.
 */
class WooCommerceCrashIT {
    private static final String API_KEY = "crash-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MarketplaceSandbox sandbox;
    private static EmbeddedKafkaKraftBroker kafka;
    private static String jdbcUrl;
    private static String dbUser;
    private static final List<ServiceProcess> STARTED = new ArrayList<>();

    @BeforeAll
    static void harness() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false));
        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shipments.events", "shipments.events.dlt", "shipments.tracking-pushed");
        kafka.afterPropertiesSet();
        jdbcUrl = TestPostgres.jdbcUrl();
        dbUser = TestPostgres.user();
    }

    @AfterAll
    static void stop() {
        kafka.destroy();
        sandbox.close();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ServiceProcess svc : STARTED) {
            if (svc.alive()) svc.kill();
        }
        STARTED.clear();
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", dbUser);
        p.put("spring.datasource.password", "");
        p.put("kafka.bootstrap-servers", kafka.getBrokersAsString());
        p.put("api.keys", API_KEY);
        p.put("operations.password", "crash-operator-password");
        p.put("credentials.dev-keyset-file", "target/reliability/keyset.json");
        p.put("amazon.lwa.client-id", SandboxSettings.DEFAULT_CLIENT_ID);
        p.put("amazon.lwa.client-secret", SandboxSettings.DEFAULT_CLIENT_SECRET);
        p.put("amazon.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("flipkart.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("woocommerce.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("woocommerce.sync.page-size", "20");
        p.put("woocommerce.allow-plain-http", "true");
        p.put("woocommerce.private-address-allowlist", "127.0.0.0/8");
        p.put("woocommerce.rate-limit.requests-per-second", "200");
        p.put("woocommerce.rate-limit.burst", "50");
        p.put("sync.retry.initial-delay-ms", "50");
        p.put("sync.retry.max-delay-ms", "500");
        p.put("sync.stale-after", "PT3S");
        p.put("shipments.push.lease", "PT3S");
        p.put("shipments.push.poll-interval-ms", "200");
        p.put("shipments.push.retry.initial-delay", "PT0.2S");
        p.put("shipments.push.retry.max-delay", "PT1S");
        p.put("shipments.folder.path", "target/reliability/inbox");
        p.put("logging.level.root", "INFO");
        return p;
    }

    private static ServiceProcess start(int port) throws Exception {
        ServiceProcess svc = ServiceProcess.start(port, properties());
        STARTED.add(svc);
        return svc.awaitUp(Duration.ofMinutes(3));
    }

    @Test
    void killedDuringAReconciliationAndPushesTheStoreLosesNothingAndNothingIsStoredTwice() throws Exception {
        int port = freePort();
        ServiceProcess svc = start(port);
        Instant now = Instant.now();
        // Store A: synced, its processing orders get shipment events. Store B: 800 orders, killed during its first sync.
        WooStore pushStore = sandbox.woocommerce().createStore("crash-push", false);
        pushStore.seedOrders(80, now.minus(Duration.ofDays(5)), now.minus(Duration.ofMinutes(5)), 98);
        long pushAccount = connect(svc, pushStore);
        syncToSuccess(svc, pushAccount);
        WooStore big = sandbox.woocommerce().createStore("crash-big", false);
        big.seedOrders(800, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), 99);
        long bigAccount = connect(svc, big);

        String bigOrders = "/woocommerce/crash-big/wp-json/wc/v3/orders";
        String pushOrders = "/woocommerce/crash-push/wp-json/wc/v3/orders";
        sandbox.faults().add(FaultRule.slow(bigOrders, Duration.ofMillis(150), -1));
        sandbox.faults().add(FaultRule.slow(pushOrders, Duration.ofMillis(150), -1));
        List<Long> processing = pushStore.orderIds().stream().filter(id -> "processing".equals(pushStore.order(id).get("status").asText()))
                .limit(20).toList();
        assertThat(processing).hasSizeGreaterThanOrEqualTo(10);
        List<String> events = new ArrayList<>();
        int notesBefore = calls("/notes");
        int listBefore = sandbox.calls().matching("GET", bigOrders).size();
        svc.post("/api/accounts/" + bigAccount + "/sync", "{}");
        for (long order : processing) {
            String eventId = "wc-crash-" + UUID.randomUUID();
            events.add(eventId);
            var r = svc.post("/api/shipments", JSON.writeValueAsString(Map.of("eventId", eventId, "accountId", pushAccount,
                    "marketplaceOrderId", String.valueOf(order), "carrierCode", "DHL", "trackingNumber", "JD" + order,
                    "shipDate", Instant.now().toString())));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        await("mid-sync and mid-push", Duration.ofMinutes(2), () -> sandbox.calls().matching("GET", bigOrders).size() >= listBefore + 4
                && calls("/notes") >= notesBefore + 3);
        int notesAtKill = calls("/notes") - notesBefore;
        int pagesAtKill = sandbox.calls().matching("GET", bigOrders).size() - listBefore;
        svc.kill();
        Instant killedAt = Instant.now();
        sandbox.faults().clear();

        // While the service is down the store changes 15 orders: each delivery fails, and WooCommerce never retries it.
        int deliveriesBefore = big.deliveries().size();
        List<Long> cancelled = big.orderIds().stream().limit(15).toList();
        cancelled.forEach(big::cancel);
        Instant waitUntil = Instant.now().plusSeconds(20);
        while (big.deliveries().size() < deliveriesBefore + 15 && Instant.now().isBefore(waitUntil)) Thread.sleep(100);
        long failedDeliveries = big.deliveries().stream().skip(deliveriesBefore).filter(d -> d.status() != 200).count();

        svc = start(port);
        int runs = syncToSuccess(svc, bigAccount);
        await("every event settled", Duration.ofMinutes(3), () -> strings(
                "select count(*) from shipment_event where account_id = ? and state in ('PUSHED','FAILED','DEAD')", pushAccount).get(0)
                .equals(String.valueOf(events.size())));
        Duration recovered = Duration.between(killedAt, Instant.now());

        List<String> stored = strings("select marketplace_order_id from orders where account_id = ?", bigAccount);
        Set<String> truth = new HashSet<>();
        big.orderIds().forEach(id -> truth.add(String.valueOf(id)));
        long wrongStatus = cancelled.stream().filter(id -> !quietly(() -> "CANCELLED".equals(strings(
                "select status from orders where account_id = ? and marketplace_order_id = ?", bigAccount, String.valueOf(id)).get(0)))).count();
        int pushed = Integer.parseInt(strings("select count(*) from shipment_event where account_id = ? and state = 'PUSHED'", pushAccount).get(0));
        int missingNotes = 0;
        int repeatedNotes = 0;
        for (long order : processing) {
            int n = pushStore.notes(order).size();
            if (n == 0) missingNotes++;
            repeatedNotes += Math.max(0, n - 1);
        }
        figure("woocommerce-crash orders=" + truth.size() + " pagesBeforeKill=" + pagesAtKill + " stored=" + stored.size()
                + " lost=" + (truth.size() - new HashSet<>(stored).size()) + " duplicates=" + (stored.size() - new HashSet<>(stored).size())
                + " changedWhileDown=" + cancelled.size() + " deliveriesWhileDown=" + (big.deliveries().size() - deliveriesBefore)
                + " failedDeliveries=" + failedDeliveries + " wrongStatusAfter=" + wrongStatus
                + " events=" + events.size() + " notesBeforeKill=" + notesAtKill + " pushed=" + pushed + " missingNotes=" + missingNotes
                + " repeatedNotes(at-least-once)=" + repeatedNotes + " syncRunsToSuccess=" + runs + " recoveredWithin=" + recovered.toSeconds() + "s");
        svc.kill();
        assertThat(new HashSet<>(stored)).isEqualTo(truth);
        assertThat(stored).hasSize(truth.size());
        assertThat(wrongStatus).isZero();
        assertThat(pushed).isEqualTo(events.size());
        assertThat(missingNotes).isZero();
    }

    private static long connect(ServiceProcess svc, WooStore store) throws Exception {
        WooStore.Key key = store.createKey("read_write");
        var connected = svc.post("/api/accounts/woocommerce", JSON.writeValueAsString(Map.of("storeUrl", store.url(),
                "consumerKey", key.consumerKey(), "consumerSecret", key.consumerSecret())));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
        return JSON.readTree(connected.body()).get("id").asLong();
    }

    // --- helpers (as CrashIT's) ---------------------------------------------------------------------------------

    private static int calls(String pathPart) {
        return (int) sandbox.calls().all().stream().filter(c -> c.path().contains(pathPart)).count();
    }

    private static int syncToSuccess(ServiceProcess svc, long accountId) throws Exception {
        for (int run = 1; run <= 5; run++) {
            long runId = startSync(svc, accountId);
            await("sync run " + runId + " ends", Duration.ofMinutes(3), () -> quietly(() -> !"RUNNING".equals(
                    strings("select status from sync_run where id = ?", runId).get(0))));
            if ("SUCCEEDED".equals(strings("select status from sync_run where id = ?", runId).get(0))) return run;
        }
        throw new AssertionError("no successful sync of account " + accountId);
    }

    private static long startSync(ServiceProcess svc, long accountId) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var r = svc.post("/api/accounts/" + accountId + "/sync", "{}");
            if (r.statusCode() == 202) return JSON.readTree(r.body()).get("runId").asLong();
            if (Instant.now().isAfter(until)) throw new AssertionError("sync not started: " + r.statusCode() + " " + r.body());
            Thread.sleep(500);
        }
    }

    private static List<String> strings(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            List<String> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) result.add(rs.getString(1));
            }
            return result;
        }
    }

    private interface Check {
        boolean call() throws Exception;
    }

    private static boolean quietly(Check check) {
        try {
            return check.call();
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, Duration atMost, Check condition) throws Exception {
        Instant until = Instant.now().plus(atMost);
        while (!quietly(condition)) {
            if (Instant.now().isAfter(until)) throw new AssertionError("not reached within " + atMost + ": " + what);
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void figure(String line) throws IOException {
        System.out.println("RELIABILITY " + line);
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/figures.txt"), Instant.now() + " " + line + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
