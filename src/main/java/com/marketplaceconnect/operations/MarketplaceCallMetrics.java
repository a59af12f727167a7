package com.marketplaceconnect.operations;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Counts every HTTP call a route makes to a marketplace (the {@code to}/{@code toD} of an http(s) endpoint),
 * retries included, by marketplace, operation and status, from Camel's "exchange sent" events: no route file
 * changes. The marketplace and operation come from the exchange properties {@code marketplace} (set by
 * {@code SyncRuns.begin}) and {@link OperationsMetrics#OPERATION} (set by the step that prepares the call).
 */
@Component
public class MarketplaceCallMetrics extends EventNotifierSupport {
    private final OperationsMetrics metrics;

    public MarketplaceCallMetrics(OperationsMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        // Sending events stay on: Camel times a call and reports it as "sent" only when some notifier took its
        // "sending" event (notify() ignores them).
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        org.apache.camel.Endpoint endpoint;
        if (event instanceof ExchangeSentEvent sent) {
            endpoint = sent.getEndpoint();
        } else if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
            endpoint = sending.getEndpoint();
        } else {
            return false;
        }
        String uri = endpoint.getEndpointUri();
        return uri.startsWith("http:") || uri.startsWith("https:") || uri.startsWith("http://") || uri.startsWith("https://");
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        metrics.apiCall(exchange.getProperty(OperationsMdc.MARKETPLACE, String.class),
                exchange.getProperty(OperationsMetrics.OPERATION, String.class), status(exchange),
                Duration.ofMillis(sent.getTimeTaken()));
    }

    static int status(Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure instanceof HttpOperationFailedException http) {
            return http.getStatusCode();
        }
        if (failure != null) {
            return 0;
        }
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return code == null ? 0 : code;
    }
}
