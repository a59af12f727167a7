package com.marketplaceconnect.shipments;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration
public class ShipmentIntakeConfiguration {
    /** The idempotent repository's processor name (a column of camel_messageprocessed). */
    static final String INTAKE_PROCESSOR = "shipment-intake";

    /**
     * The intake's idempotent repository: eventIds already accepted. Same DataSource as the outbox, so inside the
     * intake's transaction the id and the outbox row commit together. Its table comes from Flyway (V4).
     */
    @Bean
    JdbcMessageIdRepository shipmentIntakeIds(DataSource dataSource) {
        JdbcMessageIdRepository repository = new InsertOnceRepository(dataSource, INTAKE_PROCESSOR);
        repository.setCreateTableIfNotExists(false);
        repository.setInsertString("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING");
        return repository;
    }

    /**
     * The same table and semantics as camel-sql's repository, in one statement instead of two: its add() counts the
     * id, then inserts it; here the insert itself says whether the id was new (the primary key decides), which also
     * holds when two consumers add the same id at once.
     */
    static final class InsertOnceRepository extends JdbcMessageIdRepository {
        InsertOnceRepository(DataSource dataSource, String processorName) {
            super(dataSource, processorName);
        }

        @Override
        public boolean add(String key) {
            return Boolean.TRUE.equals(transactionTemplate.execute(status -> insert(key) == 1));
        }
    }
}
