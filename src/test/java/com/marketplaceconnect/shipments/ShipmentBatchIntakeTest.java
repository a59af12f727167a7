package com.marketplaceconnect.shipments;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The topic door stores a batch at once: what that must not change (rollback and re-read, package numbers, duplicates). */
class ShipmentBatchIntakeTest extends ShipmentTestSupport {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;

    @Test
    void aBatchWhoseStoreFailsIsRolledBackReadAgainAndThenStoredOnce() {
        String marker = "refused-" + UUID.randomUUID();
        // Inserts of this test's events fail inside PostgreSQL (as if the database broke mid-batch); the sequence,
        // which no rollback undoes, counts the attempts.
        jdbc.execute("create sequence if not exists refused_batch_inserts");
        jdbc.execute("""
                create or replace function refuse_batch_events() returns trigger language plpgsql as $$
                begin
                  if new.event_id like 'refused-%' then
                    perform nextval('refused_batch_inserts');
                    raise exception 'refused by the test';
                  end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger refuse_batch_events before insert on shipment_event for each row execute function refuse_batch_events()");
        long before = jdbc.queryForObject("select nextval('refused_batch_inserts')", Long.class);
        List<String> orders = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                String orderId = freshOrder();
                Map<String, Object> event = event(orderId);
                event.put("eventId", marker + "-" + i);
                orders.add(orderId);
                eventIds.add((String) event.get("eventId"));
                send(orderId, json(event));
            }
            // Refused at least twice: the batch was rolled back and read again.
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    jdbc.queryForObject("select last_value from refused_batch_inserts", Long.class) >= before + 2);
            assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id like ?", Integer.class, marker + "%"))
                    .isZero();
            assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid like ?", Integer.class, marker + "%"))
                    .as("the eventIds rolled back with the rows").isZero();
        } finally {
            jdbc.execute("drop trigger refuse_batch_events on shipment_event");
        }
        // The database is back: each event is stored once and pushed once; none was rejected (dead-lettered).
        eventIds.forEach(id -> awaitState(id, "PUSHED"));
        assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id like ?", Integer.class, marker + "%"))
                .isEqualTo(3);
        for (String orderId : orders) {
            assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id like ? and state = 'REJECTED'",
                Integer.class, marker + "%")).as("a database failure is not the event's fault").isZero();
    }

    @Test
    void severalEventsOfOneOrderInOneBatchGetThePackageNumbersTheyWouldGetOneByOne() {
        String orderId = freshOrder();
        while (items(orderId).size() < 2) {
            orderId = freshOrder();
        }
        List<Map<String, Object>> items = items(orderId);
        String first = (String) items.get(0).get("marketplace_item_id");
        String second = (String) items.get(1).get("marketplace_item_id");
        String id = "batch-" + UUID.randomUUID();
        String acceptedBefore = id + "-before";
        jdbc.update("insert into camel_messageprocessed (processorname, messageid, createdat) values ('shipment-intake', ?, localtimestamp)",
                acceptedBefore);

        Exchange result = intakeBatch(
                record(id + "-a", orderId, first),
                record(id + "-b", orderId, first),     // the same parcel again: an update of package 1
                record(id + "-c", orderId, second),    // another parcel: package 2
                record(id + "-a", orderId, first),     // twice in the batch
                record(acceptedBefore, orderId, second));
        assertThat(result.getException()).isNull();

        Map<String, Long> packages = new java.util.HashMap<>();
        jdbc.query("select event_id, package_reference_id from shipment_event where event_id like ? order by id",
                rs -> {
                    packages.put(rs.getString(1), rs.getLong(2));
                }, id + "%");
        assertThat(packages).containsOnly(Map.entry(id + "-a", 1L), Map.entry(id + "-b", 1L), Map.entry(id + "-c", 2L));
        List<String> inOrder = jdbc.queryForList("select event_id from shipment_event where event_id like ? order by id", String.class, id + "%");
        assertThat(inOrder).containsExactly(id + "-a", id + "-b", id + "-c");
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid like ?", Integer.class, id + "%"))
                .isEqualTo(4);
    }

    /**
     * The batch's eventIds are marked in the repository before its rows are stored. When the store then fails, the
     * ids must go with the batch: an id left behind would make its event a "duplicate" when the batch is read again,
     * and the event would be lost.
     */
    @Test
    void idsMarkedBeforeABatchFailsRollBackWithItSoTheBatchReadAgainLosesAndDoublesNothing() {
        String id = "half-" + UUID.randomUUID();
        String acceptedBefore = "earlier-" + id;
        String beforeOrder = freshOrder();
        Map<String, Object> earlier = event(beforeOrder);
        earlier.put("eventId", acceptedBefore);
        assertThat(api().post("/api/shipments", json(earlier)).status()).isEqualTo(202);
        List<String> orders = List.of(freshOrder(), freshOrder(), freshOrder());
        Exchange[] batch = {
                record(id + "-a", orders.get(0), null),
                record(acceptedBefore, beforeOrder, null),   // accepted before, through another door
                record(id + "-b", orders.get(1), null),
                record(id + "-a", orders.get(0), null),      // twice in the batch
                record(id + "-c", orders.get(2), null)};     // its row cannot be stored: the batch fails there

        jdbc.execute("""
                create or replace function refuse_half_batch() returns trigger language plpgsql as $$
                begin
                  if new.event_id like 'half-%-c' then
                    raise exception 'refused by the test';
                  end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger refuse_half_batch before insert on shipment_event for each row execute function refuse_half_batch()");
        try {
            Exchange failed = intakeBatch(batch);
            assertThat(failed.getException()).as("a database failure fails the batch").isNotNull();
        } finally {
            jdbc.execute("drop trigger refuse_half_batch on shipment_event");
        }
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid like ?", Integer.class, id + "%"))
                .as("the ids marked before the store failed rolled back").isZero();
        assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id like ?", Integer.class, id + "%")).isZero();

        // Read again (as the consumer does after its seek back): every event once, the earlier one not again.
        Exchange again = intakeBatch(batch);
        assertThat(again.getException()).isNull();
        assertThat(jdbc.queryForList("select event_id from shipment_event where event_id like ? order by id",
                String.class, id + "%")).containsExactly(id + "-a", id + "-b", id + "-c");
        assertThat(jdbc.queryForObject("select count(*) from shipment_event where event_id = ?", Integer.class, acceptedBefore)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid like ?", Integer.class, id + "%"))
                .isEqualTo(3);
        for (String orderId : orders) {
            awaitPushed(orderId);
        }
        awaitPushed(beforeOrder);
    }

    private void awaitPushed(String orderId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from shipment_event e "
                + "join orders o on o.id = e.order_id where o.account_id = ? and o.marketplace_order_id = ? and e.state = 'PUSHED'",
                Integer.class, accountId(), orderId) == 1);
        assertThat(SANDBOX.amazon().shipmentConfirmations(orderId)).hasSize(1);
    }

    /** One batch through the topic door's route, as the consumer hands it over (without committing offsets). */
    private Exchange intakeBatch(Exchange... records) {
        return producer.send("direct:shipment-intake-batch", e -> e.getMessage().setBody(List.of(records)));
    }

    /** A record of the events topic: an event for the order (item: one of it, else every item), keyed by the order. */
    private Exchange record(String eventId, String orderId, String item) {
        Map<String, Object> event = event(orderId);
        event.put("eventId", eventId);
        if (item != null) {
            event.put("items", List.of(Map.of("orderItemId", item, "quantity", 1)));
        }
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(json(event));
        record.getMessage().setHeader(KafkaConstants.KEY, orderId);
        return record;
    }
}
