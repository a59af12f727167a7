package com.marketplaceconnect.shipments;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration
public class ShipmentIntakeConfiguration {

    /**
     * The intake's idempotent repository: eventIds already accepted. Same DataSource as the outbox, so inside the
     * intake's transaction the id and the outbox row commit together. Its table comes from Flyway (V4).
     */
    @Bean
    JdbcMessageIdRepository shipmentIntakeIds(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "shipment-intake");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
