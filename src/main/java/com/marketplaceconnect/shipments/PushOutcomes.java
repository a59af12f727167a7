package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import static com.marketplaceconnect.shipments.ShipmentExchange.EVENT_ID;
import static com.marketplaceconnect.shipments.ShipmentExchange.PUSH_OUTCOMES;
import static com.marketplaceconnect.shipments.ShipmentExchange.STATE;

/**
 * The split of one claim of the push gathers here each event's outcome (property pushOutcomes: outcome -> eventIds,
 * e.g. {PUSHED=[…], RETRY=[…]}), for one log line per claim instead of one per pushed event. Retries and failures are
 * also logged on their own, with their reason (ShipmentOutbox).
 */
@Component("pushOutcomes")
@SuppressWarnings({"rawtypes", "unchecked"})
public class PushOutcomes extends Gathering<Map> {

    PushOutcomes() {
        super(PUSH_OUTCOMES, Map.class, TreeMap::new);
    }

    @Override
    void gather(Map outcomes, Exchange part) {
        String state = part.getProperty(STATE, String.class);
        String outcome = part.getException() != null ? "ERROR" : state == null ? "TAKEN_OVER" : "PENDING".equals(state) ? "RETRY" : state;
        ((Map<String, java.util.List<String>>) outcomes).computeIfAbsent(outcome, k -> new ArrayList<>()).add(part.getProperty(EVENT_ID, String.class));
    }
}
