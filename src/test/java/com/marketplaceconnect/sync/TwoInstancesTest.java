package com.marketplaceconnect.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import com.marketplaceconnect.support.SecondInstance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one database and one broker: the shared test context and a second one started here ("node-b",
 * two sync consumers). Manual syncs, shipment events and a scheduled cycle are shared between them without anything
 * done twice, and when node-b stops the shared context finishes the cycle. The steps build on each other (node-b
 * lives for the class), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest extends IntegrationTest {
    private static final String SEARCH = "/orders/2026-01-01/orders";
    private static final String IN = "A21TJRUUN4KGV";
    private static final String NODE_B = "node-b";
    private static final int NODE_B_CONSUMERS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SecondInstance nodeB;
    private static long manualAccount;

    @Autowired
    Scheduler quartz;

    @Value("${sync.requests.topic}")
    String requestsTopic;

    @Value("${sync.requests.group-id}")
    String syncGroup;

    @Value("${sync.parallel-accounts}")
    int consumersHere;
    @Value("${shipments.kafka.consumers}")
    int shipmentConsumersHere;

    @Value("${shipments.kafka.group-id}")
    String shipmentsGroup;

    /** Started in the first test, once the shared context is up (Camel's test support holds Camel back until then). */
    private static void startNodeB() throws Exception {
        if (nodeB == null) {
            nodeB = SecondInstance.start(NODE_B, Map.of("sync.parallel-accounts", String.valueOf(NODE_B_CONSUMERS),
                    "shipments.kafka.consumers", "1"));
        }
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    @Test
    @Order(1)
    void aManualSyncAskedOfEitherInstanceRunsOnceAndShipmentEventsArePushedOnce() throws Exception {
        startNodeB();
        awaitGroup(syncGroup, consumersHere + NODE_B_CONSUMERS, true);
        manualAccount = connect(100);   // enough that at least 4 are unshipped and seller-fulfilled (about 19% are)
        SANDBOX.faults().add(FaultRule.slow(SEARCH, Duration.ofSeconds(2), 1));

        var started = new Api(nodeB.baseUrl()).post("/api/accounts/" + manualAccount + "/sync", Map.of());
        var refused = api().post("/api/accounts/" + manualAccount + "/sync", Map.of());

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        long runId = started.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(runsOf(manualAccount).get(0).get("status")));
        List<Map<String, Object>> runs = runsOf(manualAccount);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("id", runId).containsEntry("status", "SUCCEEDED").containsEntry("trigger", "MANUAL")
                .containsEntry("orders_inserted", 100);
        assertThat(orderCount(manualAccount)).isEqualTo(100);

        // Shipment events: one consumer group over both instances (one consumer each), and an outbox both push from
        // (claimed with FOR UPDATE SKIP LOCKED): every event is stored once and confirmed to Amazon once.
        // This instance's consumers and node B's one share the topic's partitions (some may idle: more consumers than
        // partitions).
        awaitGroup(shipmentsGroup, shipmentConsumersHere + 1, false);
        List<String> orders = jdbc.queryForList("""
                select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' and fulfilled_by = 'SELLER'
                 order by id limit 8""", String.class, manualAccount);
        assertThat(orders).hasSizeGreaterThanOrEqualTo(4);
        Map<String, String> eventToOrder = new LinkedHashMap<>();
        for (String orderId : orders) {
            String eventId = "evt-" + UUID.randomUUID();
            eventToOrder.put(eventId, orderId);
            send(orderId, JSON.writeValueAsString(shipmentEvent(eventId, orderId)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> eventToOrder.keySet().stream().allMatch(e -> "PUSHED".equals(shipmentState(e))));
        for (var e : eventToOrder.entrySet()) {
            assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id = ?", Integer.class, e.getKey())).isEqualTo(1);
            assertThat(SANDBOX.amazon().shipmentConfirmations(e.getValue())).hasSize(1);
        }
        List<String> outcomes = readToEnd("shipments.tracking-pushed").stream().map(ConsumerRecord::value)
                .filter(v -> eventToOrder.keySet().stream().anyMatch(v::contains)).toList();
        assertThat(outcomes).hasSize(eventToOrder.size()).allSatisfy(v -> assertThat(v).contains("PUSHED"));
    }

    @Test
    @Order(2)
    void aScheduledCycleFiresOnceIsSharedByBothAndFinishedByTheOtherWhenOneStops() throws Exception {
        startNodeB();
        awaitGroup(syncGroup, consumersHere + NODE_B_CONSUMERS, true);
        int partitions = partitionCount(requestsTopic);
        // Accounts until every partition holds at least three: whichever partitions node-b owns, it still has
        // requests queued when it stops after starting its first run.
        Map<Long, Integer> partitionOf = new LinkedHashMap<>();
        Map<Integer, Integer> perPartition = new HashMap<>();
        while (perPartition.size() < partitions || perPartition.values().stream().anyMatch(n -> n < 3)) {
            long id = connect(3);
            int p = partitionFor(id, partitions);
            partitionOf.put(id, p);
            perPartition.merge(p, 1, Integer::sum);
        }
        Set<Long> accounts = partitionOf.keySet();
        // Each search call takes a while, so that node-b is still busy when it is told to stop.
        SANDBOX.faults().add(FaultRule.slow(SEARCH, Duration.ofMillis(700), -1));

        // The schedule's job, fired now: its trigger lives in the shared Quartz tables and one instance takes it.
        JobKey amazonSchedule = JobKey.jobKey("amazon", "order-sync");
        assertThat(quartz.checkExists(amazonSchedule)).isTrue();
        quartz.triggerJob(amazonSchedule);

        await().atMost(Duration.ofSeconds(60)).until(() -> ownersOf(accounts).contains(NODE_B));
        nodeB.close();   // a graceful stop: its runs in progress end, its queued requests go to the other instance

        await().atMost(Duration.ofSeconds(120)).until(() -> accounts.stream().allMatch(this::hasFinishedRun));
        SANDBOX.faults().clear();

        // Every account synced exactly once, successfully, with all its orders.
        for (long account : accounts) {
            List<Map<String, Object>> runs = runsOf(account);
            assertThat(runs).as("runs of account %d", account).hasSize(1);
            assertThat(runs.get(0)).containsEntry("status", "SUCCEEDED").containsEntry("trigger", "SCHEDULED").containsEntry("orders_inserted", 3);
            assertThat(orderCount(account)).isEqualTo(3);
        }
        // The schedule fired once: one request per account on the topic.
        Map<Long, Long> requests = readToEnd(requestsTopic).stream().map(r -> parse(r.value()))
                .filter(r -> accounts.contains(r.get("accountId").asLong()))
                .collect(Collectors.groupingBy(r -> r.get("accountId").asLong(), Collectors.counting()));
        assertThat(requests.keySet()).isEqualTo(accounts);
        assertThat(requests.values()).containsOnly(1L);

        // Shared: both instances ran some. Taken over: in every partition node-b worked on, the other instance ran the
        // requests node-b had not reached when it stopped.
        Map<Long, String> owner = accounts.stream().collect(Collectors.toMap(a -> a, a -> (String) runsOf(a).get(0).get("owner")));
        Set<Integer> nodeBPartitions = new HashSet<>();
        owner.forEach((a, o) -> {
            if (NODE_B.equals(o)) nodeBPartitions.add(partitionOf.get(a));
        });
        assertThat(owner.values()).contains(NODE_B).anyMatch(o -> !NODE_B.equals(o));
        for (int p : nodeBPartitions) {
            assertThat(accounts.stream().filter(a -> partitionOf.get(a) == p).map(owner::get))
                    .as("owners of the accounts of partition %d", p).anyMatch(o -> !NODE_B.equals(o));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private Api api() {
        return new Api(baseUrl());
    }

    private long connect(int orders) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, orders, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        var response = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    /** The partition the producer's default partitioner picks for the key (the account id as text). */
    private static int partitionFor(long accountId, int partitions) {
        return Utils.toPositive(Utils.murmur2(String.valueOf(accountId).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private List<Map<String, Object>> runsOf(long accountId) {
        return jdbc.queryForList("select * from sync_run where account_id = ? order by id", accountId);
    }

    private boolean hasFinishedRun(long accountId) {
        return jdbc.queryForObject("select count(*) from sync_run where account_id = ? and status <> 'RUNNING'", Integer.class, accountId) > 0;
    }

    private Set<String> ownersOf(Set<Long> accounts) {
        return new HashSet<>(jdbc.queryForList("select distinct owner from sync_run where account_id = any(?)", String.class,
                (Object) accounts.toArray(Long[]::new)));
    }

    private int orderCount(long accountId) {
        return jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, accountId);
    }

    private String shipmentState(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ?", rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    private Map<String, Object> shipmentEvent(String eventId, String orderId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId);
        e.put("accountId", manualAccount);
        e.put("marketplaceOrderId", orderId);
        e.put("carrierCode", "BLUEDART");
        e.put("carrierName", "Blue Dart");
        e.put("trackingNumber", "BD" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        e.put("shipDate", "2026-11-05T14:30:00+05:30");
        return e;
    }

    /**
     * Waits until the group is stable with {@code members} consumers (of both instances), with {@code everyAssigned}
     * each owning partitions.
     */
    private static void awaitGroup(String group, int members, boolean everyAssigned) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d.state() == ConsumerGroupState.STABLE && d.members().size() == members
                        && (!everyAssigned || d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()));
            });
        }
    }

    private static int partitionCount(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }


    /** Every record on the topic up to its current end. */
    private static List<ConsumerRecord<String, String>> readToEnd(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return records;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
