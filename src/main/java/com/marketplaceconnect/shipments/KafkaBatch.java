package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Route step inside the split of a batching Kafka consumer: each element of the batch is one record's exchange; its
 * value becomes the body and its key the {@code kafka.KEY} header (the key of a dead letter), as if the record had
 * been consumed on its own.
 */
@Component("kafkaBatch")
public class KafkaBatch {

    public void unwrap(Exchange exchange) throws InvalidPayloadException {
        Exchange record = exchange.getMessage().getMandatoryBody(Exchange.class);
        exchange.getMessage().setBody(record.getMessage().getBody());
        exchange.getMessage().setHeader(KafkaConstants.KEY, record.getMessage().getHeader(KafkaConstants.KEY));
    }
}
