package com.marketplaceconnect.shipments;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.marketplaceconnect.shipments.ShipmentExchange.EVENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.PUSH_OUTCOMES;
import static com.marketplaceconnect.shipments.ShipmentExchange.STATE;

/**
 * The split of one claim of the push gathers here each event's outcome (property pushOutcomes: state -> eventIds,
 * e.g. {PUSHED=[…], PENDING=[…]}), for one log line per claim instead of one per pushed event. Retries and failures
 * are also logged on their own, with their reason (ShipmentOutbox).
 */
@Component("pushOutcomes")
public class PushOutcomes implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        // A fresh exchange carries the outcomes: Camel copies the result's state back to the poller's exchange.
        Exchange result = oldExchange == null ? new DefaultExchange(newExchange.getContext()) : oldExchange;
        @SuppressWarnings("unchecked")
        Map<String, List<String>> outcomes = result.getProperty(PUSH_OUTCOMES, Map.class);
        if (outcomes == null) {
            outcomes = new TreeMap<>();
            result.setProperty(PUSH_OUTCOMES, outcomes);
        }
        String state = newExchange.getProperty(STATE, String.class);
        String key = newExchange.getException() != null ? "ERROR" : state == null ? "TAKEN_OVER" : "PENDING".equals(state) ? "RETRY" : state;
        outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(newExchange.getProperty(EVENT_ID, String.class));
        if (newExchange.getException() != null) {
            result.setException(newExchange.getException());
        }
        return result;
    }
}
