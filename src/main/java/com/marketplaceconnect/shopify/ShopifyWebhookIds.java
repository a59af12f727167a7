package com.marketplaceconnect.shopify;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent repository of the webhook door: the X-Shopify-Webhook-Id of every delivery already stored, in
 * camel-sql's table camel_messageprocessed (processor "shopify-webhooks"). Used only inside the door's transaction,
 * so an id commits with the order it stands for and a rollback takes it back (Shopify's retry is then processed, not
 * dropped as a duplicate). One insert-once statement decides: two copies of a delivery arriving at once wait on the
 * primary key, and the second is a duplicate once the first commits.
 */
@Component("shopifyWebhookIds")
public class ShopifyWebhookIds extends JdbcMessageIdRepository {
    static final String PROCESSOR = "shopify-webhooks";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate callersTransaction;

    public ShopifyWebhookIds(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        super(jdbc, new TransactionTemplate(transactions));
        this.jdbc = jdbc;
        setProcessorName(PROCESSOR);
        setCreateTableIfNotExists(false);
        this.callersTransaction = new TransactionTemplate(transactions);
        callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    }

    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(callersTransaction.execute(status -> jdbc.update("""
                insert into camel_messageprocessed (processorname, messageid, createdat) values (?, ?, localtimestamp)
                on conflict do nothing""", PROCESSOR, key) == 1));
    }
}
