package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Route step: commits the consumed record's offset (the consumer runs with autoCommitEnable=false). Called only once
 * the record's outcome is durable — its outbox row, or its dead letter — so a crash before it re-reads the record.
 */
@Component("kafkaOffsets")
public class KafkaOffsets {

    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("No Kafka offset to commit: the consumer needs allowManualCommit=true");
        }
        manual.commit();
    }
}
