package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Route step of a batching consumer (the batch's record exchanges, as the consumer delivered them): commits, for
     * every partition the batch read from, the offset after its last record. One record's commit covers only its own
     * partition.
     */
    public void commitBatch(List<?> records) {
        Map<Object, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Object record : records) {
            var message = ((Exchange) record).getMessage();
            KafkaManualCommit manual = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (manual == null) {
                throw new IllegalStateException("No Kafka offset to commit: the consumer needs allowManualCommit=true");
            }
            lastPerPartition.put(message.getHeader(KafkaConstants.PARTITION), manual);
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }
}
