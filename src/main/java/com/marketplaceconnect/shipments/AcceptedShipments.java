package com.marketplaceconnect.shipments;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED;
import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED_BATCH;

/**
 * The split of a Kafka batch gathers here the events that passed their checks (property shipmentsAccepted, in the
 * batch's order), for one store of the whole batch. A rejected event (handled by the error policy) brings nothing. Any
 * other failure is passed on, so the batch's transaction rolls back and the consumer reads the batch again.
 */
@Component("acceptedShipments")
public class AcceptedShipments implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        // A fresh exchange carries the list, not the first event's exchange: Camel copies the result's state back
        // to the batch's exchange, and a rejected (handled) event's state there would end the batch's route.
        Exchange result = oldExchange == null ? new DefaultExchange(newExchange.getContext()) : oldExchange;
        @SuppressWarnings("unchecked")
        List<ShipmentEvents.AcceptedShipment> accepted = result.getProperty(ACCEPTED_BATCH, List.class);
        if (accepted == null) {
            accepted = new ArrayList<>();
            result.setProperty(ACCEPTED_BATCH, accepted);
        }
        if (newExchange.getException() != null) {
            result.setException(newExchange.getException());
        } else if (newExchange.getProperty(ShipmentExchange.REJECT_REASON) == null) {
            ShipmentEvents.AcceptedShipment event = newExchange.getProperty(ACCEPTED, ShipmentEvents.AcceptedShipment.class);
            if (event != null) {
                accepted.add(event);
            }
        }
        return result;
    }
}
