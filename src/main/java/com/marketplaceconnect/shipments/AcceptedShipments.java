package com.marketplaceconnect.shipments;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED;
import static com.marketplaceconnect.shipments.ShipmentExchange.ACCEPTED_BATCH;
import static com.marketplaceconnect.shipments.ShipmentExchange.DUPLICATE;
import static com.marketplaceconnect.shipments.ShipmentExchange.REJECT_REASON;

/**
 * The split of a Kafka batch gathers here the events to store (property shipmentsAccepted, in the batch's order): those
 * that passed their checks and whose eventId the idempotent consumer let through. A rejected event (handled by the
 * error policy) or a duplicate brings nothing; any other failure is passed on, so the batch's transaction rolls back
 * and the consumer reads the batch again.
 */
@Component("acceptedShipments")
@SuppressWarnings({"rawtypes", "unchecked"})
public class AcceptedShipments extends Gathering<List> {

    AcceptedShipments() {
        super(ACCEPTED_BATCH, List.class, ArrayList::new);
    }

    @Override
    void gather(List accepted, Exchange part) {
        AcceptedShipment event = part.getProperty(ACCEPTED, AcceptedShipment.class);
        if (part.getException() == null && part.getProperty(REJECT_REASON) == null && event != null
                && !part.getProperty(DUPLICATE, false, Boolean.class)) {
            accepted.add(event);
        }
    }
}
