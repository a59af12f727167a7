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

    private final Set<String> allowed = new TreeSet<>();

    public MarketplaceHeaders(List<MarketplaceConnector> connectors) {
        allowed.addAll(HTTP_BASICS);
        connectors.forEach(c -> c.requestHeaders().forEach(h -> allowed.add(h.toLowerCase(Locale.ROOT))));
        setLowerCase(true);
        // Camel's own headers (CamelHttpMethod, CamelHttpPath …) steer the call and are never sent as such.
        setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
    }

    @Override
    protected boolean extendedFilter(Direction direction, String key, Object value, Exchange exchange) {
        return direction == Direction.OUT && !allowed.contains(key.toLowerCase(Locale.ROOT));
    }

    /** The headers a request may carry, lower-case. */
    public Set<String> allowed() {
        return Set.copyOf(allowed);
    }
}
