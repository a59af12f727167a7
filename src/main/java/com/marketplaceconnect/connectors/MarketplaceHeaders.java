package com.marketplaceconnect.connectors;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one header rule of every marketplace call (camel.component.http.header-filter-strategy): a request carries
 * only the headers a connector declared it sends (MarketplaceConnector.requestHeaders, e.g. Authorization,
 * x-amz-access-token) and the HTTP basics; nothing else of the exchange (its properties never, other headers, a
 * previous answer's headers) reaches a marketplace. Answers' headers come back as usual (rate-limit headers, paging).
 */
@Component("marketplaceHeaders")
public class MarketplaceHeaders extends DefaultHeaderFilterStrategy {
    private static final Set<String> HTTP_BASICS = Set.of("accept", "content-type", "user-agent");

    /** Every connector's headers with the basics: for an exchange that names no marketplace. */
    private final Set<String> allowed = new TreeSet<>();
    /** Per marketplace: its own headers with the basics, so one connector's token header never reaches another. */
    private final java.util.Map<String, Set<String>> byMarketplace = new java.util.HashMap<>();

    public MarketplaceHeaders(List<MarketplaceConnector> connectors) {
        allowed.addAll(HTTP_BASICS);
        for (MarketplaceConnector c : connectors) {
            Set<String> own = new TreeSet<>(HTTP_BASICS);
            c.requestHeaders().forEach(h -> own.add(h.toLowerCase(Locale.ROOT)));
            byMarketplace.put(c.marketplace(), own);
            allowed.addAll(own);
        }
        setLowerCase(true);
        // Camel's own headers (CamelHttpMethod, CamelHttpPath …) steer the call and are never sent as such.
        setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
    }

    @Override
    protected boolean extendedFilter(Direction direction, String key, Object value, Exchange exchange) {
        if (direction != Direction.OUT) {
            return false;
        }
        Set<String> permitted = exchange == null ? allowed
                : byMarketplace.getOrDefault(Connectors.marketplaceOf(exchange), allowed);
        return !permitted.contains(key.toLowerCase(Locale.ROOT));
    }
}
