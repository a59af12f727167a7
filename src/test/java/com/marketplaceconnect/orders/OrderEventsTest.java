package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.orders.StoredOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders.changed topic, read from the embedded broker: one message per real insert or change of an order, through
 * the outbox the upsert writes in its own transaction; a crash after the send and before the mark re-sends it under
 * the same eventId; a row another instance is sending is not sent twice.
 */
class OrderEventsTest extends IntegrationTest {
    static final String TOPIC = "orders.changed";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProducerTemplate producer;
    @Autowired
    org.apache.camel.CamelContext camel;

    final Instant t0 = Instant.parse("2026-05-01T09:00:00Z");

    /** Waits until every outbox row of the account is sent, then reads the whole topic: the account's records. */
    private List<ConsumerRecord<String, String>> sentRecords(long account) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                select count(*) from order_events e join orders o on o.id = e.order_id
                 where o.account_id = ?
                """, Integer.class, account) == 0);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(account + ":")) found.add(r);
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(record.value(), e);
        }
    }

    @Test
    void aStoredOrderIsPublishedOncePerRealChange() {
        StoredOrders stored = new StoredOrders(jdbc, producer);
        long account = stored.account("AMAZON");
        String key = account + ":E-1";

        stored.store(account, order("AMAZON", "E-1", "UNSHIPPED", t0, "Asha Rao", "SKU-A", "SKU-B"));
        List<ConsumerRecord<String, String>> records = sentRecords(account);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> created = records.get(0);
        assertThat(created.key()).isEqualTo(key);
        JsonNode body = json(created);
        assertThat(body.get("eventId").asText()).isEqualTo(header(created, "eventId")).isNotBlank();
        assertThat(body.get("change").asText()).isEqualTo("CREATED");
        assertThat(body.get("orderId").asLong()).isEqualTo(stored.id(account, "E-1"));
        assertThat(body.get("accountId").asLong()).isEqualTo(account);
        assertThat(body.get("marketplace").asText()).isEqualTo("AMAZON");
        assertThat(body.get("marketplaceOrderId").asText()).isEqualTo("E-1");
        assertThat(body.get("status").asText()).isEqualTo("UNSHIPPED");
        assertThat(body.get("sourceUpdatedAt").asText()).isEqualTo("2026-05-01T09:00:00Z");
        assertThat(body.at("/total/amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(body.at("/shipTo/city").asText()).isEqualTo("Pune");
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.at("/items/0/sku").asText()).isEqualTo("SKU-A");
        assertThat(body.at("/items/1/quantity").asInt()).isEqualTo(2);
        assertThat(body.has("raw")).as("the marketplace's raw JSON stays out").isFalse();

        // The same copy again (a page fetched twice): nothing changed, nothing published.
        Map<?, ?> again = stored.store(account, order("AMAZON", "E-1", "UNSHIPPED", t0, "Asha Rao", "SKU-A", "SKU-B"));
        assertThat(again.get("updated")).isEqualTo(0L);
        assertThat(sentRecords(account)).hasSize(1);

        // A newer copy: one more message, with the new state.
        stored.store(account, order("AMAZON", "E-1", "SHIPPED", t0.plusSeconds(60), "Asha Rao", "SKU-A", "SKU-B"));
        records = sentRecords(account);
        assertThat(records).hasSize(2);
        JsonNode updated = json(records.get(1));
        assertThat(records.get(1).key()).isEqualTo(key);
        assertThat(updated.get("change").asText()).isEqualTo("UPDATED");
        assertThat(updated.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(updated.get("eventId").asLong()).isGreaterThan(body.get("eventId").asLong());

        // An older copy (an overlapping window): the upsert skips it, so no message.
        stored.store(account, order("AMAZON", "E-1", "PENDING", t0.minusSeconds(60), "Asha Rao", "SKU-A"));
        List<ConsumerRecord<String, String>> last = sentRecords(account);
        assertThat(last).hasSize(2);
        assertThat(last.stream().map(r -> header(r, "eventId")).distinct()).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from order_events", Integer.class)).as("sent events leave the outbox").isZero();
    }

    @Test
    void manyOrdersInOneBatchEachGetOneMessageWithTheirOwnKey() {
        StoredOrders stored = new StoredOrders(jdbc, producer);
        long account = stored.account("FLIPKART");
        List<CanonicalOrder> batch = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {   // more than one batch (orders.events.batch-size = 1000)
            batch.add(order("FLIPKART", "B-" + i, "UNSHIPPED", t0.plusMillis(i), "Buyer " + i, "S" + i));
        }
        stored.store(account, batch.toArray(CanonicalOrder[]::new));
        List<ConsumerRecord<String, String>> records = sentRecords(account);
        assertThat(records).hasSize(2500);
        assertThat(records.stream().map(ConsumerRecord::key).distinct()).hasSize(2500);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(account + ":" + json(r).get("marketplaceOrderId").asText()));
        assertThat(records.stream().map(r -> header(r, "eventId")).distinct()).hasSize(2500);
    }

    /**
     * The crash window of an outbox: the broker has the message, the process dies before its transaction deleted the
     * row (so the delete is rolled back). Made here by putting the sent row back as that rollback would leave it: the
     * publisher sends it again, under the same eventId and key, and deletes it.
     */
    @Test
    void anEventSentButNotDeletedBeforeACrashIsSentAgainWithTheSameEventId() throws Exception {
        StoredOrders stored = new StoredOrders(jdbc, producer);
        long account = stored.account("AMAZON");
        camel.getRouteController().stopRoute("orders-changed");
        java.util.Map<String, Object> row;
        try {
            stored.store(account, order("AMAZON", "C-1", "UNSHIPPED", t0, "Asha Rao", "SKU-A"));
            row = jdbc.queryForMap("select id, order_id, inserted, source_updated_at, created_at from order_events where order_id = ?",
                    stored.id(account, "C-1"));
        } finally {
            camel.getRouteController().startRoute("orders-changed");
        }
        List<ConsumerRecord<String, String>> first = sentRecords(account);
        assertThat(first).hasSize(1);
        assertThat(jdbc.update("insert into order_events (id, order_id, inserted, source_updated_at, created_at) values (?, ?, ?, ?, ?)",
                row.get("id"), row.get("order_id"), row.get("inserted"), row.get("source_updated_at"), row.get("created_at"))).isEqualTo(1);

        List<ConsumerRecord<String, String>> after = sentRecords(account);
        assertThat(after).hasSize(2);
        assertThat(header(after.get(1), "eventId")).isEqualTo(header(after.get(0), "eventId"));
        assertThat(after.get(1).key()).isEqualTo(after.get(0).key());
        assertThat(json(after.get(1)).get("eventId").asText()).isEqualTo(json(after.get(0)).get("eventId").asText());
    }

    /**
     * A row another instance holds (its batch's transaction: claimed, being sent) is skipped, not sent twice; when that
     * instance dies, its transaction ends and the row is sent by this one.
     */
    @Test
    void aRowClaimedByAnotherInstanceIsSkippedAndSentOnceThatInstanceDies() throws Exception {
        StoredOrders stored = new StoredOrders(jdbc, producer);
        long account = stored.account("AMAZON");
        // The other instance claims the row before this one can: this instance's publisher is paused meanwhile.
        camel.getRouteController().stopRoute("orders-changed");
        java.sql.Connection other = jdbc.getDataSource().getConnection();
        try {
            stored.store(account, order("AMAZON", "L-1", "UNSHIPPED", t0, "Asha Rao", "SKU-A"));
            long orderId = stored.id(account, "L-1");
            other.setAutoCommit(false);
            try (var claim = other.prepareStatement(
                    "select id from order_events where order_id = ? for update skip locked")) {
                claim.setLong(1, orderId);
                try (var rs = claim.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            camel.getRouteController().startRoute("orders-changed");
            Thread.sleep(1500);   // several polls of this instance
            assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = ?",
                    Integer.class, orderId)).as("not sent while the other instance holds it").isEqualTo(1);
        } finally {
            other.rollback();   // the other instance dies: its transaction ends, its claim with it
            other.close();
            if (!camel.getRouteController().getRouteStatus("orders-changed").isStarted()) {
                camel.getRouteController().startRoute("orders-changed");
            }
        }
        List<ConsumerRecord<String, String>> records = sentRecords(account);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(account + ":L-1");
    }
}
