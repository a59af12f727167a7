package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.amazon.AmazonMarketplace;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shipment tests: one synced Amazon seller per test class, events in through the three doors, Kafka helpers. */
abstract class ShipmentTestSupport extends IntegrationTest {
    static final String IN = AmazonMarketplace.IN.marketplaceId();
    static final String EVENTS = SHIPMENT_EVENTS;
    static final String DLT = "shipments.events.dlt";
    static final String OUTCOMES = "shipments.tracking-pushed";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USED_ORDERS = ConcurrentHashMap.newKeySet();
    private static final Map<Class<?>, Long> ACCOUNTS = new ConcurrentHashMap<>();

    Api api;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    Api api() {
        if (api == null) api = new Api(baseUrl());
        return api;
    }

    /** This class's Amazon seller (India), connected and synced once: 80 generated orders. */
    long accountId() {
        return ACCOUNTS.computeIfAbsent(getClass(), k -> {
            String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
            Instant now = CLOCK.instant();
            SANDBOX.amazon().generateOrders(spid, IN, 200, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
            var connected = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                    "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken()));
            assertThat(connected.status()).as(connected.body()).isEqualTo(201);
            long id = connected.json().get("id").asLong();
            var sync = api().post("/api/accounts/" + id + "/sync", Map.of());
            assertThat(sync.status()).as(sync.body()).isEqualTo(202);
            long runId = sync.json().get("runId").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !"RUNNING".equals(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
            assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)).isEqualTo("SUCCEEDED");
            return id;
        });
    }

    String sellingPartnerId() {
        return jdbc.queryForObject("select external_account_id from seller_account where id = ?", String.class, accountId());
    }

    /** An unshipped, seller-fulfilled order of this class's seller that no other test has used. */
    String freshOrder() {
        for (String id : jdbc.queryForList("""
                select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' and fulfilled_by = 'SELLER'
                 order by id""", String.class, accountId())) {
            if (USED_ORDERS.add(id)) return id;
        }
        throw new AssertionError("the generated seller has no unshipped MFN order left: generate more");
    }

    List<Map<String, Object>> items(String orderId) {
        return jdbc.queryForList("""
                select i.marketplace_item_id, i.sku, i.quantity from order_item i join orders o on o.id = i.order_id
                 where o.account_id = ? and o.marketplace_order_id = ? order by i.id""", accountId(), orderId);
    }

    /** A valid event for the order (every item), with its own eventId. */
    Map<String, Object> event(String orderId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "evt-" + UUID.randomUUID());
        e.put("accountId", accountId());
        e.put("marketplaceOrderId", orderId);
        e.put("carrierCode", "BLUEDART");
        e.put("carrierName", "Blue Dart");
        e.put("trackingNumber", "BD" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        e.put("trackingUrl", "https://www.bluedart.com/tracking");
        e.put("shipDate", "2026-11-05T14:30:00+05:30");
        return e;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    Map<String, Object> row(String eventId) {
        return jdbc.queryForMap("select * from shipment_event where event_id = ? and state <> 'REJECTED'", eventId);
    }

    String stateOf(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    void awaitState(String eventId, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(stateOf(eventId)));
    }

    // --- Kafka --------------------------------------------------------------------------------------------------



    /** Waits until the intake's consumer group has committed every record now on the events topic. */
    static void awaitEventsTopicConsumed() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        try (Admin admin = Admin.create(p); KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(EVENTS).stream()
                    .map(i -> new TopicPartition(EVENTS, i.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets("marketplace-connect-shipments");
                Map<TopicPartition, OffsetAndMetadata> committed = r.partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        }
    }




    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
