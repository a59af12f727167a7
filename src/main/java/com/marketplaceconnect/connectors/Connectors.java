package com.marketplaceconnect.connectors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connectors this service runs, by marketplace name: every {@link MarketplaceConnector} bean. The core finds a
 * marketplace's behaviour here (and its routes by name), never by importing it. Routes use it as {@code #connectors}.
 */
@Component("connectors")
public class Connectors {
    private final Map<String, MarketplaceConnector> byName;

    public Connectors(List<MarketplaceConnector> connectors) {
        this.byName = connectors.stream().collect(Collectors.toMap(MarketplaceConnector::marketplace, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("Two connectors for " + a.marketplace());
                }, TreeMap::new));
    }

    /** The connector of a marketplace (AMAZON …); an unknown name is a clear error, not a silent skip. */
    public MarketplaceConnector of(String marketplace) {
        MarketplaceConnector connector = marketplace == null ? null : byName.get(marketplace);
        if (connector == null) {
            throw new UnknownMarketplaceException(marketplace, byName.keySet());
        }
        return connector;
    }

    /** Every connector, by marketplace name (the seller's page draws a card for each). */
    public List<MarketplaceConnector> all() {
        return List.copyOf(byName.values());
    }

    public boolean has(String marketplace) {
        return marketplace != null && byName.containsKey(marketplace);
    }

    /** Route predicate: how the exchange's failure (Exchange.EXCEPTION_CAUGHT) maps for the exchange's marketplace. */
    public String failureKind(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        return of(marketplaceOf(exchange)).classify(failure).name();
    }

    /**
     * Route step of an error policy outside the sync (the tracking push): the exchange's connector drops the account's
     * token when the marketplace refused it, so the next attempt gets a new one.
     */
    public void dropRefusedToken(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Long accountId = exchange.getProperty("accountId", Long.class);
        MarketplaceConnector connector = of(marketplaceOf(exchange));
        if (accountId != null && connector.tokenRefused(failure)) {
            connector.evictToken(accountId);
        }
    }

    /** The exchange's marketplace: property marketplace (sync), or shipmentMarketplace (shipment intake and push). */
    public static String marketplaceOf(Exchange exchange) {
        String marketplace = exchange.getProperty("marketplace", String.class);
        return marketplace != null ? marketplace : exchange.getProperty("shipmentMarketplace", String.class);
    }

    /** An HTTP status of a marketplace call, 0 when there is none. */
    public static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.camel.http.base.HttpOperationFailedException http) {
                return http.getStatusCode();
            }
        }
        return 0;
    }

    public static class UnknownMarketplaceException extends IllegalArgumentException {
        public UnknownMarketplaceException(String marketplace, Set<String> known) {
            super("Unknown marketplace '" + marketplace + "': this service connects " + String.join(", ", known));
        }
    }
}
