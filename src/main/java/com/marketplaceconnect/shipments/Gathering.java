package com.marketplaceconnect.shipments;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import java.util.function.Supplier;

/**
 * A split's aggregation that gathers something from each part into one property of the split's result. The result is
 * a fresh exchange, not the first part's: Camel copies the result's state back onto the exchange that split, and a
 * part whose failure its error policy handled (a rejected event) would otherwise end that exchange's route. A part's
 * unhandled failure is passed on, so the splitting route fails (and rolls back) as without an aggregation.
 */
abstract class Gathering<T> implements AggregationStrategy {
    private final String property;
    private final Class<T> type;
    private final Supplier<T> empty;

    Gathering(String property, Class<T> type, Supplier<T> empty) {
        this.property = property;
        this.type = type;
        this.empty = empty;
    }

    @Override
    public final Exchange aggregate(Exchange oldExchange, Exchange part) {
        Exchange result = oldExchange == null ? new DefaultExchange(part.getContext()) : oldExchange;
        T gathered = result.getProperty(property, type);
        if (gathered == null) {
            gathered = empty.get();
            result.setProperty(property, gathered);
        }
        // The first failure is the cause; later parts of a failed transaction only fail because of it.
        if (part.getException() != null && result.getException() == null) {
            result.setException(part.getException());
        }
        if (part.isRollbackOnly()) {
            result.setRollbackOnly(true);
        }
        gather(gathered, part);
        return result;
    }

    /** Adds what this part brings. */
    abstract void gather(T gathered, Exchange part);
}
