package com.marketplaceconnect.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

import static com.marketplaceconnect.sync.SyncProperties.*;

/**
 * The message on the sync-requests topic: "sync this account now". Key = account id, so one account's requests stay
 * on one partition; value = small JSON. {@code runId} is set when the API already started the run (manual sync).
 */
@Component("syncRequests")
public class SyncRequests {
    public static final String MARKETPLACE = "marketplace";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public record SyncRequest(long accountId, String marketplace, String trigger, Long runId, String correlationId) {
    }

    /** Route step: the exchange properties (accountId, marketplace, syncTrigger, syncRunId?) become the record. */
    public void write(Exchange exchange) throws Exception {
        SyncRequest request = new SyncRequest(exchange.getProperty(ACCOUNT_ID, Long.class),
                exchange.getProperty(MARKETPLACE, String.class), exchange.getProperty(TRIGGER, "SCHEDULED", String.class),
                exchange.getProperty(RUN_ID, Long.class), exchange.getProperty(CORRELATION_ID, String.class));
        exchange.getMessage().setHeader(KafkaConstants.KEY, String.valueOf(request.accountId()));
        exchange.getMessage().setBody(JSON.writeValueAsString(request));
    }

    /** Route step: the record becomes the properties the per-account sync routes expect. */
    public void read(Exchange exchange) throws Exception {
        SyncRequest request = JSON.readValue(exchange.getMessage().getBody(String.class), SyncRequest.class);
        exchange.setProperty(ACCOUNT_ID, request.accountId());
        exchange.setProperty(MARKETPLACE, request.marketplace());
        exchange.setProperty(TRIGGER, SyncTrigger.valueOf(request.trigger()).name());
        if (request.runId() != null) {
            exchange.setProperty(RUN_ID, request.runId());
        }
        if (request.correlationId() != null) {
            exchange.setProperty(CORRELATION_ID, request.correlationId());
        }
    }
}
