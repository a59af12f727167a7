package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox of orders.changed under SIGKILL (RELIABILITY.md, "Order events"): the service JVM is killed several times
 * while a large sync stores orders and the publisher sends their events; after a last clean run the outbox must be empty (a row
 * leaves it only once the broker acknowledged it), every stored order must have at least one message under its own key. Re-sends (the same
 * eventId twice: the price of at-least-once) are counted and printed, not forbidden.
 * Run: {@code mvn -B -Preliability test -Dtest=OrderEventsCrashIT}.
 */
class OrderEventsCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "orders.changed";

    private static MarketplaceSandbox sandbox;
    private static EmbeddedKafkaKraftBroker kafka;
    private static String jdbcUrl;
    private static String dbUser;
    private static final List<ServiceProcess> STARTED = new ArrayList<>();

    @BeforeAll
    static void harness() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false));
        kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC, "sync.requests");
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
        p.put("api.keys", CrashIT.API_KEY);
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
        p.put("amazon.sync.page-size", "100");
        p.put("amazon.rate-limits.time-factor", "1000");
        p.put("sync.store-batch-orders", "200");
        p.put("sync.stale-after", "PT3S");
        // Small batches, so a kill is likely to fall between a batch's send and its commit.
        p.put("orders.events.batch-size", "50");
        p.put("orders.events.poll-interval-ms", "100");
        p.put("logging.level.root", "INFO");
        return p;
    }

    private static ServiceProcess start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceProcess svc = ServiceProcess.start(port, properties());
        STARTED.add(svc);
        return svc.awaitUp(Duration.ofMinutes(3));
    }

    private static long number(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The stored orders of the account by their message key (accountId:marketplaceOrderId). */
    private static Map<String, String> storedOrderKeys(long account) throws Exception {
        Map<String, String> keys = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, "");
             PreparedStatement s = c.prepareStatement(
                     "select account_id || ':' || marketplace_order_id, marketplace_order_id from orders where account_id = ?")) {
            s.setLong(1, account);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) keys.put(rs.getString(1), rs.getString(2));
            }
        }
        return keys;
    }

    /** Events sent, about: written (the id sequence) minus those still in the outbox. */
    private static long sentAbout() throws Exception {
        return number("select case when is_called then last_value else 0 end from order_events_id_seq")
                - number("select count(*) from order_events");
    }

    private record Sent(String key, String eventId, JsonNode body) {
    }

    private static List<Sent> topic(long account) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Sent> sent = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream().map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant until = Instant.now().plus(Duration.ofMinutes(2));
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                if (Instant.now().isAfter(until)) throw new AssertionError("topic not read to its end");
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().startsWith(account + ":")) continue;
                    var h = r.headers().lastHeader("eventId");
                    sent.add(new Sent(r.key(), h == null ? null : new String(h.value(), StandardCharsets.UTF_8), JSON.readTree(r.value())));
                }
            }
        }
        return sent;
    }

    private static void await(String what, Duration atMost, ThrowingCondition condition) throws Exception {
        Instant until = Instant.now().plus(atMost);
        while (true) {
            try {
                if (condition.met()) return;
            } catch (Exception notYet) {
                // e.g. the service is not up yet
            }
            if (Instant.now().isAfter(until)) throw new AssertionError("not reached within " + atMost + ": " + what);
            Thread.sleep(20);
        }
    }

    private interface ThrowingCondition {
        boolean met() throws Exception;
    }

    @Test
    void killedWhileStoringAndPublishingNoOrderEventIsLost() throws Exception {
        int orders = 5000;
        ServiceProcess svc = start();
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = sandbox.amazon().addSeller(spid, "EU");
        Instant now = Instant.now();
        sandbox.amazon().generateOrders(spid, "A21TJRUUN4KGV", orders, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), 17L);
        var r = svc.post("/api/accounts/amazon", JSON.writeValueAsString(Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long account = JSON.readTree(r.body()).get("id").asLong();

        // Killed three times: once events are being sent, at growing numbers of sent events.
        List<String> kills = new ArrayList<>();
        for (int afterSent : List.of(300, 1500, 3000)) {
            ServiceProcess current = svc;
            // A run left RUNNING by the killed process answers 409 until it is stale (sync.stale-after): asked again.
            await("a sync starts", Duration.ofMinutes(1), () -> current.post("/api/accounts/" + account + "/sync", "{}").statusCode() == 202);
            // Sent = written (the id sequence; a rolled-back insert leaves a gap, so this is about) - still in the outbox.
            await(afterSent + " events sent", Duration.ofMinutes(3), () -> sentAbout() >= afterSent);
            long stored = number("select count(*) from orders where account_id = ?", account);
            long sent = sentAbout();
            svc.kill();
            kills.add("after " + sent + " sent of " + stored + " stored");
            svc = start();
        }

        // A last, clean run: the sync completes, and every event is sent.
        ServiceProcess last = svc;
        // Asked to sync every 2 s until every order is stored: 409 while a run is alive; the killed process's run is
        // taken over once stale (sync.stale-after).
        Instant[] asked = {Instant.EPOCH};
        await("all orders stored", Duration.ofMinutes(5), () -> {
            if (number("select count(*) from orders where account_id = ?", account) == orders) return true;
            if (Instant.now().isAfter(asked[0].plusSeconds(2))) {
                asked[0] = Instant.now();
                last.post("/api/accounts/" + account + "/sync", "{}");
            }
            return false;
        });
        // The publisher deletes a row only in the transaction that committed after the broker acknowledged it: an empty
        // outbox means every event written reached the topic.
        await("every event sent", Duration.ofMinutes(3), () -> number("select count(*) from order_events") == 0);

        Map<String, String> storedKeys = storedOrderKeys(account);
        List<Sent> sent = topic(account);
        Map<String, Integer> perEvent = new HashMap<>();
        for (Sent s : sent) {
            assertThat(s.eventId()).isEqualTo(s.body().get("eventId").asText());
            assertThat(storedKeys).as("the key of event " + s.eventId()).containsKey(s.key());
            assertThat(s.key()).isEqualTo(account + ":" + s.body().get("marketplaceOrderId").asText());
            perEvent.merge(s.eventId(), 1, Integer::sum);
        }
        Set<String> keys = new HashSet<>();
        sent.forEach(s -> keys.add(s.key()));
        Set<String> missing = new HashSet<>(storedKeys.keySet());
        missing.removeAll(keys);
        long resent = perEvent.values().stream().filter(n -> n > 1).count();
        String figure = String.format("order events: %d orders, %d events written, %d messages, %d events re-sent, %d orders without a message; kills: %s",
                orders, perEvent.size(), sent.size(), resent, missing.size(), kills);
        System.out.println("RELIABILITY " + figure);
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/figures.txt"), Instant.now() + " " + figure + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);

        assertThat(missing).as("stored orders never published").isEmpty();
        assertThat(keys).as("orders with at least one message").hasSize(orders);
        assertThat(perEvent.size()).as("one event per stored order (each synced once, no newer copies)").isGreaterThanOrEqualTo(orders);
    }
}
