package com.marketplaceconnect.shipments;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

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
    ShipmentInbox shipmentInbox;
    @Autowired
    TransactionTemplate transactions;
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
        long order = jdbc.queryForObject("select id from orders where account_id = ? and marketplace_order_id = ?", Long.class,
                accountId(), orderId);
        List<Map<String, Object>> items = items(orderId);
        String first = (String) items.get(0).get("marketplace_item_id");
        String second = (String) items.get(1).get("marketplace_item_id");
        String id = "batch-" + UUID.randomUUID();
        String acceptedBefore = id + "-before";
        jdbc.update("insert into camel_messageprocessed (processorname, messageid, createdat) values ('shipment-intake', ?, localtimestamp)",
                acceptedBefore);

        List<AcceptedShipment> batch = List.of(
                accepted(id + "-a", order, orderId, first, 1),
                accepted(id + "-b", order, orderId, first, 1),     // the same parcel again: an update of package 1
                accepted(id + "-c", order, orderId, second, 1),    // another parcel: package 2
                accepted(id + "-a", order, orderId, first, 1),     // twice in the batch
                accepted(acceptedBefore, order, orderId, second, 1));
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ShipmentExchange.ACCEPTED_BATCH, batch);
        transactions.executeWithoutResult(status -> shipmentInbox.storeBatch(exchange));

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

    private AcceptedShipment accepted(String eventId, long order, String orderId, String item, int quantity) {
        String items = "[{\"orderItemId\":\"" + item + "\",\"quantity\":" + quantity + "}]";
        Map<String, Object> event = event(orderId);
        event.put("eventId", eventId);
        return new AcceptedShipment(eventId, "KAFKA", accountId(), "AMAZON", order, orderId, items,
                item + "x" + quantity, json(event));
    }
}
