package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The idempotent repository of shipment intake, one for every door: the eventIds already accepted, in camel-sql's
 * table camel_messageprocessed (processor "shipment-intake", created by Flyway V4). The idempotent consumer of route
 * shipment-once asks it about each event.
 * <p>
 * It works only inside the transaction of the route that calls it ({@code transacted}), so an id commits with the
 * outbox row it stands for, and a rollback takes it back: an id left behind by a failed batch would make its event a
 * "duplicate" when the batch is read again, and the event would be lost.
 * <p>
 * One event (folder and API doors): {@link #add(String)} is one insert-once statement; the primary key decides, also
 * when two doors add the same id at once. A Kafka batch: {@link #beginBatch} asks about all its eventIds in one query,
 * the consumer's answers for them then come from that (and from the ids claimed earlier in the batch), and
 * {@link #endBatch} inserts the batch's new ids in one statement.
 */
@Component("shipmentIntakeIds")
public class ShipmentIntakeIds extends JdbcMessageIdRepository {
    static final String PROCESSOR = "shipment-intake";
    /** Exchange property of a Kafka batch (shared by its split's parts): what the repository knows about its ids. */
    static final String BATCH = "shipmentIntakeIdsOfBatch";
    private static final Logger log = LoggerFactory.getLogger(ShipmentIntakeIds.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** The schema's maxLength of eventId (and the width of camel_messageprocessed.messageid). */
    private static final int MAX_ID_LENGTH = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate callersTransaction;

    public ShipmentIntakeIds(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        super(jdbc, new TransactionTemplate(transactions));
        this.jdbc = jdbc;
        setProcessorName(PROCESSOR);
        setCreateTableIfNotExists(false);
        this.callersTransaction = new TransactionTemplate(transactions);
        callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    }

    /** The ids of one Kafka batch. Its split's parts run one after another on the batch's thread. */
    static final class BatchIds {
        private final Set<String> asked;
        private final Set<String> known;
        private final Set<String> claimed = new TreeSet<>();

        BatchIds(Set<String> asked, Set<String> known) {
            this.asked = asked;
            this.known = known;
        }

        /** Whether the id is new, or null if it was not asked about (then the database is asked). */
        Boolean claim(String key) {
            if (!asked.contains(key)) return null;
            return !known.contains(key) && claimed.add(key);
        }
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        BatchIds batch = exchange.getProperty(BATCH, BatchIds.class);
        Boolean fresh = batch == null ? null : batch.claim(key);
        return fresh != null ? fresh : add(key);
    }

    /** One id, now, in the caller's transaction: true if it was new. */
    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(callersTransaction.execute(status -> jdbc.update("""
                insert into camel_messageprocessed (processorname, messageid, createdat) values (?, ?, localtimestamp)
                on conflict do nothing""", PROCESSOR, key) == 1));
    }

    /**
     * Route step before a Kafka batch's split (body: the batch's record exchanges): reads each record's eventId and
     * asks which of them were accepted before, in one query. A record whose id cannot be read here (not JSON, say)
     * is left to the parser; should it still have an id, the consumer asks the database about it on its own.
     */
    public void beginBatch(Exchange exchange) throws InvalidPayloadException {
        Set<String> ids = new HashSet<>();
        for (Object record : exchange.getMessage().getMandatoryBody(List.class)) {
            String id = eventId(((Exchange) record).getMessage().getBody());
            if (id != null) ids.add(id);
        }
        Set<String> known = new HashSet<>(callersTransaction.execute(status -> jdbc.queryForList(
                "select messageid from camel_messageprocessed where processorname = ? and messageid = any(?)",
                String.class, PROCESSOR, ids.toArray(String[]::new))));
        exchange.setProperty(BATCH, new BatchIds(ids, known));
    }

    /**
     * Route step after a Kafka batch's split: the ids its events claimed, in one statement (sorted, so two consumers
     * never wait on each other's ids in opposite orders). An id another door committed since {@link #beginBatch} is
     * left as it is; that door stored the event, and the outbox's unique index keeps it from being stored again.
     */
    public void endBatch(Exchange exchange) {
        BatchIds batch = exchange.getProperty(BATCH, BatchIds.class);
        exchange.removeProperty(BATCH);
        if (batch == null || batch.claimed.isEmpty()) return;
        List<String> inserted = callersTransaction.execute(status -> jdbc.queryForList("""
                insert into camel_messageprocessed (processorname, messageid, createdat)
                select ?, id, localtimestamp from unnest(?::text[]) with ordinality as v(id, n) order by n
                on conflict do nothing
                returning messageid
                """, String.class, PROCESSOR, batch.claimed.toArray(String[]::new)));
        if (inserted.size() < batch.claimed.size()) {
            Set<String> late = new TreeSet<>(batch.claimed);
            late.removeAll(inserted);
            log.info("Shipment events {} were accepted through another door while this batch was checked", late);
        }
    }

    /** The top-level eventId of a record's value; null if it has none the parser could accept (or is not JSON). */
    static String eventId(Object value) {
        if (!(value instanceof String text)) return null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return null;
            String found = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                // The last one counts, as in the parser's tree.
                if ("eventId".equals(field) && token == JsonToken.VALUE_STRING) found = parser.getText();
                else if ("eventId".equals(field)) found = null;
                parser.skipChildren();
            }
            // Only ids the parser can accept: PostgreSQL refuses a NUL in any text, even in a query, and a refused
            // query here would fail the batch on every read (the parser rejects such an event on its own).
            boolean acceptable = found != null && !found.isEmpty() && found.indexOf('\u0000') < 0
                    && found.codePointCount(0, found.length()) <= MAX_ID_LENGTH;
            return acceptable ? found : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
