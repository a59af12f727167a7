package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.TestPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long reliability runs, outside the normal suite: {@code mvn -B -Preliability verify} (RELIABILITY.md).
 * The service runs as a separate JVM against this JVM's sandbox (whose data outlives the service), an embedded Kafka
 * broker, and a fresh PostgreSQL database reached through a proxy that can be cut. Figures are printed as lines
 * starting with RELIABILITY and appended to target/reliability/figures.txt.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CrashIT {
    static final String API_KEY = "crash-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEARCH = "/orders/2026-01-01/orders";
    private static final String FLIPKART = "/sellers/v3/shipments";
    private static final String CONFIRM = "/shipmentConfirmation";

    private static MarketplaceSandbox sandbox;
    private static EmbeddedKafkaKraftBroker kafka;
    private static CuttableProxy dbProxy;
    private static String directJdbcUrl;
    private static String dbUser;

    @BeforeAll
    static void harness() throws Exception {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false));
        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shipments.events", "shipments.events.dlt", "shipments.tracking-pushed");
        kafka.afterPropertiesSet();
        directJdbcUrl = TestPostgres.jdbcUrl();
        dbUser = TestPostgres.user();
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(directJdbcUrl);
        assertThat(m.find()).as("host and port in " + directJdbcUrl).isTrue();
        dbProxy = new CuttableProxy(m.group(1), Integer.parseInt(m.group(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        dbProxy.close();
        kafka.destroy();
        sandbox.close();
    }

    private static String proxiedJdbcUrl() {
        return directJdbcUrl.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + dbProxy.port() + "/");
    }

    private static Map<String, String> serviceProperties(String kafkaServers) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", proxiedJdbcUrl());
        p.put("spring.datasource.username", dbUser);
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.connection-timeout", "5000");
        p.put("kafka.bootstrap-servers", kafkaServers);
        p.put("api.keys", API_KEY);
        p.put("operations.password", "crash-operator-password");
        p.put("credentials.dev-keyset-file", "target/reliability/keyset.json");
        p.put("amazon.lwa.client-id", SandboxSettings.DEFAULT_CLIENT_ID);
        p.put("amazon.lwa.client-secret", SandboxSettings.DEFAULT_CLIENT_SECRET);
        p.put("amazon.lwa.token-url", sandbox.baseUrl() + "/auth/o2/token");
        for (String region : List.of("na", "eu", "fe")) p.put("amazon.endpoints." + region, sandbox.baseUrl());
        p.put("flipkart.auth.token-url", sandbox.baseUrl() + "/oauth-service/oauth/token");
        p.put("flipkart.api.base-url", sandbox.baseUrl() + "/sellers");
        p.put("amazon.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("flipkart.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("amazon.sync.page-size", "20");
        p.put("amazon.rate-limits.time-factor", "1000");
        p.put("sync.retry.initial-delay-ms", "50");
        p.put("sync.retry.max-delay-ms", "500");
        // A dead process's sync run and claimed pushes are taken over after this long (production: 10 and 5 minutes).
        p.put("sync.stale-after", "PT3S");
        p.put("shipments.push.lease", "PT3S");
        p.put("shipments.push.poll-interval-ms", "200");
        p.put("shipments.push.retry.initial-delay", "PT0.2S");
        p.put("shipments.push.retry.max-delay", "PT1S");
        p.put("shipments.folder.path", "target/reliability/inbox");
        p.put("logging.level.root", "INFO");
        return p;
    }

    private static final List<ServiceProcess> STARTED = new ArrayList<>();

    private static ServiceProcess startService(Map<String, String> properties) throws Exception {
        ServiceProcess svc = ServiceProcess.start(freePort(), properties);
        STARTED.add(svc);
        return svc.awaitUp(Duration.ofMinutes(3));
    }

    /** A failed test leaves no service running. */
    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws InterruptedException {
        for (ServiceProcess svc : STARTED) {
            if (svc.alive()) svc.kill();
        }
        STARTED.clear();
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

    // --- Database (direct, not through the proxy) -------------------------------------------------------------------

    private static List<String> strings(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(directJdbcUrl, dbUser, ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            List<String> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) result.add(rs.getString(1));
            }
            return result;
        }
    }

    private static List<String> orderIds(long accountId) throws Exception {
        return strings("select marketplace_order_id from orders where account_id = ?", accountId);
    }

    private static void await(String what, Duration atMost, Supplier<Boolean> condition) throws Exception {
        Instant until = Instant.now().plus(atMost);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) throw new AssertionError("not reached within " + atMost + ": " + what);
            Thread.sleep(20);
        }
    }

    private static boolean quietly(Callable condition) {
        try {
            return condition.call();
        } catch (Exception e) {
            return false;
        }
    }

    private interface Callable {
        boolean call() throws Exception;
    }

    // --- Service calls --------------------------------------------------------------------------------------------

    private static long connectAmazon(ServiceProcess svc, int orders, Duration span) throws Exception {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = sandbox.amazon().addSeller(spid, "EU");
        Instant now = Instant.now();
        sandbox.amazon().generateOrders(spid, "A21TJRUUN4KGV", orders, now.minus(span), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        var r = svc.post("/api/accounts/amazon", JSON.writeValueAsString(Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static long connectFlipkart(ServiceProcess svc, String sellerId, int shipments) throws Exception {
        FlipkartSeller seller = sandbox.flipkart().addSeller(sellerId);
        Instant now = Instant.now();
        sandbox.flipkart().generateShipments(sellerId, shipments, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), sellerId.hashCode());
        var r = svc.post("/api/accounts/flipkart", JSON.writeValueAsString(Map.of("sellerId", sellerId, "applicationId", seller.appId(),
                "applicationSecret", seller.appSecret())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    /** Starts a sync; a run left RUNNING by a killed process answers 409 until it is stale, so this asks again. */
    private static long startSync(ServiceProcess svc, long accountId) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var r = svc.post("/api/accounts/" + accountId + "/sync", "{}");
            if (r.statusCode() == 202) return JSON.readTree(r.body()).get("runId").asLong();
            if (Instant.now().isAfter(until)) throw new AssertionError("sync not started: " + r.statusCode() + " " + r.body());
            Thread.sleep(500);
        }
    }

    private static String runStatus(long runId) throws Exception {
        return strings("select status from sync_run where id = ?", runId).get(0);
    }

    /** Syncs until a run succeeds. */
    private static int syncToSuccess(ServiceProcess svc, long accountId) throws Exception {
        for (int run = 1; run <= 5; run++) {
            long runId = startSync(svc, accountId);
            await("sync run " + runId + " ends", Duration.ofMinutes(3), () -> quietly(() -> !"RUNNING".equals(runStatus(runId))));
            if ("SUCCEEDED".equals(runStatus(runId))) return run;
        }
        throw new AssertionError("no successful sync of account " + accountId);
    }

    private static int calls(String pathPart) {
        return (int) sandbox.calls().all().stream().filter(c -> c.path().contains(pathPart)).count();
    }

    // --- 1. SIGKILL at ten points ---------------------------------------------------------------------------------

    @Test
    void a_killedAtTenPointsOfSyncsAndPushesNothingIsLostOrStoredTwice() throws Exception {
        ServiceProcess svc = startService(serviceProperties(kafka.getBrokersAsString()));
        int kills = 0;
        List<String> killLog = new ArrayList<>();

        // Amazon: 600 orders, 30 pages of 20; killed after 2, 8, 15 and 24 page calls of a run.
        long amazon = connectAmazon(svc, 600, Duration.ofDays(29));
        for (int afterCalls : List.of(2, 8, 15, 24)) {
            int base = calls(SEARCH);
            startSync(svc, amazon);
            await("Amazon page calls", Duration.ofMinutes(2), () -> calls(SEARCH) >= base + afterCalls);
            svc.kill();
            kills++;
            killLog.add("amazon-sync@" + (calls(SEARCH) - base) + "calls");
            svc = startService(serviceProperties(kafka.getBrokersAsString()));
        }
        int runs = syncToSuccess(svc, amazon);
        Set<String> amazonTruth = new HashSet<>(sandbox.amazon().orderIds(
                strings("select external_account_id from seller_account where id = ?", amazon).get(0)));
        List<String> stored = orderIds(amazon);
        int amazonLost = (int) amazonTruth.stream().filter(id -> !stored.contains(id)).count();
        int amazonDuplicates = stored.size() - new HashSet<>(stored).size();
        figure("crash amazon-sync kills=4 orders=" + amazonTruth.size() + " stored=" + stored.size() + " lost=" + amazonLost
                + " duplicates=" + amazonDuplicates + " runsToFinish=" + runs);

        // Flipkart: 300 shipments; killed after 3, 9 and 16 Seller API calls of a run.
        String sellerId = "fk" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        long flipkart = connectFlipkart(svc, sellerId, 300);
        for (int afterCalls : List.of(3, 9, 16)) {
            int base = calls(FLIPKART);
            startSync(svc, flipkart);
            await("Flipkart calls", Duration.ofMinutes(2), () -> calls(FLIPKART) >= base + afterCalls);
            svc.kill();
            kills++;
            killLog.add("flipkart-sync@" + (calls(FLIPKART) - base) + "calls");
            svc = startService(serviceProperties(kafka.getBrokersAsString()));
        }
        runs = syncToSuccess(svc, flipkart);
        Set<String> flipkartTruth = sandbox.flipkart().orderIds(sellerId);
        List<String> fkStored = orderIds(flipkart);
        int fkLost = (int) flipkartTruth.stream().filter(id -> !fkStored.contains(id)).count();
        int fkDuplicates = fkStored.size() - new HashSet<>(fkStored).size();
        figure("crash flipkart-sync kills=3 orders=" + flipkartTruth.size() + " stored=" + fkStored.size() + " lost=" + fkLost
                + " duplicates=" + fkDuplicates + " runsToFinish=" + runs);

        // Amazon tracking push: 60 events on the topic; killed after 3, a third and two thirds of the confirmShipment calls.
        long pushes = connectAmazon(svc, 400, Duration.ofHours(3));
        syncToSuccess(svc, pushes);
        List<String> orders = strings("select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' "
                + "and fulfilled_by = 'SELLER' order by id limit 60", pushes);
        assertThat(orders).hasSizeGreaterThanOrEqualTo(30);
        Map<String, String> eventByOrder = new HashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // Slow confirmations (150 ms) so that a kill lands in the middle of a batch.
        sandbox.faults().add(FaultRule.slow("/orders/v0/orders/", Duration.ofMillis(150), -1));
        int confirmBase = calls(CONFIRM);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String orderId : orders) {
                String eventId = "crash-" + UUID.randomUUID();
                eventByOrder.put(orderId, eventId);
                producer.send(new ProducerRecord<>("shipments.events", orderId, JSON.writeValueAsString(Map.of("eventId", eventId,
                        "accountId", pushes, "marketplaceOrderId", orderId, "carrierCode", "BLUEDART",
                        "trackingNumber", "BD" + orderId.replace("-", ""), "shipDate", Instant.now().toString())))).get();
            }
        }
        for (int afterCalls : List.of(3, orders.size() / 3, 2 * orders.size() / 3)) {
            await("confirmShipment calls", Duration.ofMinutes(2), () -> calls(CONFIRM) >= confirmBase + afterCalls);
            svc.kill();
            kills++;
            killLog.add("amazon-push@" + (calls(CONFIRM) - confirmBase) + "calls");
            svc = startService(serviceProperties(kafka.getBrokersAsString()));
        }
        await("every event settled", Duration.ofMinutes(3), () -> quietly(() -> strings(
                "select count(*) from shipment_event where account_id = ? and state in ('PUSHED', 'DEAD', 'FAILED')", pushes).get(0)
                .equals(String.valueOf(orders.size()))));
        sandbox.faults().clear();
        int accepted = Integer.parseInt(strings("select count(*) from shipment_event where account_id = ? and state <> 'REJECTED'", pushes).get(0));
        int pushed = Integer.parseInt(strings("select count(*) from shipment_event where account_id = ? and state = 'PUSHED'", pushes).get(0));
        int secondCalls = 0;
        int ordersWithTwoPackages = 0;
        int notAtAmazon = 0;
        for (String orderId : orders) {
            List<JsonNode> confirmations = sandbox.amazon().shipmentConfirmations(orderId);
            if (confirmations.isEmpty()) notAtAmazon++;
            secondCalls += Math.max(0, confirmations.size() - 1);
            Set<String> packages = new HashSet<>();
            confirmations.forEach(c -> packages.add(c.at("/packageDetail/packageReferenceId").asText()));
            if (packages.size() > 1) ordersWithTwoPackages++;
        }
        figure("crash amazon-push kills=3 events=" + orders.size() + " accepted=" + accepted + " pushed=" + pushed
                + " lostAtAmazon=" + notAtAmazon + " repeatedConfirmCalls(same package)=" + secondCalls
                + " ordersWithTwoPackages=" + ordersWithTwoPackages);
        figure("crash kill points: " + String.join(", ", killLog));
        svc.kill();

        assertThat(kills).isEqualTo(10);
        assertThat(amazonLost).isZero();
        assertThat(amazonDuplicates).isZero();
        assertThat(fkLost).isZero();
        assertThat(fkDuplicates).isZero();
        assertThat(accepted).isEqualTo(orders.size());
        assertThat(pushed).isEqualTo(orders.size());
        assertThat(notAtAmazon).isZero();
        assertThat(ordersWithTwoPackages).isZero();
    }

    // --- 2. PostgreSQL unreachable for 30 seconds -----------------------------------------------------------------

    @Test
    void b_aThirtySecondDatabaseOutageDuringASyncAndPushesLosesNothing() throws Exception {
        Map<String, String> props = serviceProperties(kafka.getBrokersAsString());
        props.put("amazon.sync.cron", "0/10 * * * * ?");   // the service must recover by itself: its own schedule
        ServiceProcess svc = startService(props);
        long pushes = connectAmazon(svc, 300, Duration.ofHours(3));
        syncToSuccess(svc, pushes);
        List<String> orders = strings("select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' "
                + "and fulfilled_by = 'SELLER' order by id limit 30", pushes);
        assertThat(orders).hasSizeGreaterThanOrEqualTo(20);
        long big = connectAmazon(svc, 600, Duration.ofDays(29));
        sandbox.faults().add(FaultRule.slow("/orders/", Duration.ofMillis(200), -1));
        int confirmBase = calls(CONFIRM);
        List<String> eventIds = new ArrayList<>();
        for (String orderId : orders) {
            String eventId = "outage-" + UUID.randomUUID();
            eventIds.add(eventId);
            var r = svc.post("/api/shipments", JSON.writeValueAsString(Map.of("eventId", eventId, "accountId", pushes,
                    "marketplaceOrderId", orderId, "carrierCode", "BLUEDART", "trackingNumber", "BD" + orderId.replace("-", ""),
                    "shipDate", Instant.now().toString())));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        int searchBase = calls(SEARCH);
        startSync(svc, big);
        await("sync and pushes under way", Duration.ofMinutes(2), () -> calls(SEARCH) >= searchBase + 3 && calls(CONFIRM) >= confirmBase + 3);
        dbProxy.cut();
        Instant cutAt = Instant.now();
        Thread.sleep(30_000);
        dbProxy.restore();
        int confirmsDuringOutage = calls(CONFIRM) - confirmBase;
        sandbox.faults().clear();
        // Nothing more is done by the test: the schedule syncs again, the pollers retry.
        String spid = strings("select external_account_id from seller_account where id = ?", big).get(0);
        Set<String> truth = new HashSet<>(sandbox.amazon().orderIds(spid));
        await("every order stored after the outage", Duration.ofMinutes(4), () -> quietly(() -> new HashSet<>(orderIds(big)).equals(truth)));
        await("every push settled after the outage", Duration.ofMinutes(4), () -> quietly(() -> strings(
                "select count(*) from shipment_event where account_id = ? and state in ('PUSHED', 'DEAD', 'FAILED')", pushes).get(0)
                .equals(String.valueOf(orders.size()))));
        Duration recovered = Duration.between(cutAt, Instant.now());
        List<String> stored = orderIds(big);
        int pushed = Integer.parseInt(strings("select count(*) from shipment_event where account_id = ? and state = 'PUSHED'", pushes).get(0));
        int repeated = 0;
        int missing = 0;
        for (String orderId : orders) {
            int n = sandbox.amazon().shipmentConfirmations(orderId).size();
            if (n == 0) missing++;
            repeated += Math.max(0, n - 1);
        }
        List<String> abandoned = strings("select status || ':' || coalesce(error, '') from sync_run where account_id = ? order by id", big);
        figure("db-outage 30s orders=" + truth.size() + " stored=" + stored.size() + " lost=" + (truth.size() - new HashSet<>(stored).size())
                + " duplicates=" + (stored.size() - new HashSet<>(stored).size()) + " events=" + orders.size() + " pushed=" + pushed
                + " lostAtAmazon=" + missing + " repeatedConfirmCalls(same package)=" + repeated
                + " confirmCallsUntilRestore=" + confirmsDuringOutage + " recoveredWithin=" + recovered.toSeconds() + "s"
                + " runs=" + abandoned.stream().map(s -> s.split(":")[0]).toList());
        svc.kill();
        assertThat(new HashSet<>(stored)).isEqualTo(truth);
        assertThat(stored).hasSize(truth.size());
        assertThat(pushed).isEqualTo(orders.size());
        assertThat(missing).isZero();
    }

    // --- 3. Kafka unavailable at start ----------------------------------------------------------------------------

    @Test
    void c_kafkaDownAtStartTheServiceStartsAndConsumesOnceTheBrokerIsBack() throws Exception {
        // The broker is unreachable (every connection to its address refused) from before the start until 30 s after.
        String[] broker = kafka.getBrokersAsString().split(",")[0].split(":");
        try (CuttableProxy kafkaProxy = new CuttableProxy(broker[0], Integer.parseInt(broker[1]))) {
            kafkaProxy.cut();
            ServiceProcess svc = startService(serviceProperties("127.0.0.1:" + kafkaProxy.port()));
            Thread.sleep(5_000);   // let the health contributors see Kafka away
            var health = svc.get("/actuator/health");
            var details = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(svc.baseUrl() + "/actuator/health"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    "operator:crash-operator-password".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            long pushes = connectAmazon(svc, 200, Duration.ofHours(3));
            // "Sync Orders" answers without Kafka: the request is synced on the instance itself.
            Instant asked = Instant.now();
            var syncAnswer = svc.post("/api/accounts/" + pushes + "/sync", "{}");
            Duration syncAnsweredIn = Duration.between(asked, Instant.now());
            assertThat(syncAnswer.statusCode()).as(syncAnswer.body()).isEqualTo(202);
            long firstRun = JSON.readTree(syncAnswer.body()).get("runId").asLong();
            await("sync run " + firstRun + " ends", Duration.ofMinutes(3), () -> quietly(() -> !"RUNNING".equals(runStatus(firstRun))));
            String firstRunStatus = runStatus(firstRun);
            if (!"SUCCEEDED".equals(firstRunStatus)) {
                syncToSuccess(svc, pushes);
            }
            List<String> open = strings("select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' "
                    + "and fulfilled_by = 'SELLER' order by id limit 2", pushes);
            // The API door works without Kafka.
            String apiEvent = "nokafka-api-" + UUID.randomUUID();
            var accepted = svc.post("/api/shipments", JSON.writeValueAsString(Map.of("eventId", apiEvent, "accountId", pushes,
                    "marketplaceOrderId", open.get(0), "carrierCode", "BLUEDART", "trackingNumber", "BD1", "shipDate", Instant.now().toString())));
            // An event waits on the topic while the service cannot reach the broker.
            String topicEvent = "nokafka-topic-" + UUID.randomUUID();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>("shipments.events", open.get(1), JSON.writeValueAsString(Map.of("eventId", topicEvent,
                        "accountId", pushes, "marketplaceOrderId", open.get(1), "carrierCode", "BLUEDART", "trackingNumber", "BD2",
                        "shipDate", Instant.now().toString())))).get();
            }
            Thread.sleep(30_000);
            boolean consumedWhileAway = !strings("select state from shipment_event where event_id = ?", topicEvent).isEmpty();
            kafkaProxy.restore();
            Instant back = Instant.now();
            await("the topic's event consumed once the broker is back", Duration.ofMinutes(3), () -> quietly(() ->
                    List.of("PUSHED").equals(strings("select state from shipment_event where event_id = ?", topicEvent))));
            var healthAfter = svc.get("/actuator/health");
            figure("kafka-down-at-start serviceUp=true health(anonymous)=" + health.statusCode() + " " + health.body().replaceAll("\\s", "")
                    + " health(operator)=" + details.statusCode() + " " + abbreviate(details.body().replaceAll("\\s", ""))
                    + " syncOrdersWithoutKafka=" + syncAnswer.statusCode() + " in " + syncAnsweredIn.toMillis() + "ms, run " + firstRunStatus
                    + " apiDoorWithoutKafka=" + accepted.statusCode() + " consumedWhileAway=" + consumedWhileAway
                    + " topicEventPushedWithin=" + Duration.between(back, Instant.now()).toSeconds() + "s after the broker was back"
                    + " healthAfter=" + healthAfter.statusCode() + " " + healthAfter.body().replaceAll("\\s", ""));
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(consumedWhileAway).isFalse();
            svc.kill();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }
}
