package com.marketplaceconnect.woocommerce;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * The webhook door's idempotent repository: delivery ids already stored (X-WC-Webhook-Delivery-ID, per account), in
 * camel-sql's table camel_messageprocessed (Flyway V4), processor "woocommerce-webhooks". Route woocommerce-webhook
 * calls it inside its transaction (its TransactionTemplate joins it), so an id commits with the order it stands for.
 */
@Configuration
public class WooCommerceConfiguration {
    public static final String PROCESSOR = "woocommerce-webhooks";

    @Bean("woocommerceWebhookDeliveries")
    JdbcMessageIdRepository woocommerceWebhookDeliveries(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, new TransactionTemplate(transactions), PROCESSOR);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
