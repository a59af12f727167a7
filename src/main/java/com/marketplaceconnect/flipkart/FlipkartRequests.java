package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sync.SyncWindow;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The bodies of the Seller API v3 calls (the routes set method and path): the shipments search. Date-times are
 * Flipkart's: IST with their offset.
 */
@Component("flipkartRequests")
public class FlipkartRequests {
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlipkartProperties properties;

    public FlipkartRequests(FlipkartProperties properties) {
        this.properties = properties;
    }

    /**
     * {@code POST /v3/shipments/filter}: the search's kind of shipment, modified in the window, oldest change first,
     * {@code flipkart.sync.page-size} a page.
     */
    public String filterBody(FlipkartSearch search, SyncWindow window) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode filter = body.putObject("filter");
        filter.put("type", search.type());
        if (search.states() != null) {
            ArrayNode states = filter.putArray("states");
            search.states().forEach(states::add);
        }
        if ("preDispatch".equals(search.type())) {
            filter.put("hold", search.hold());
        }
        if (search.cancellationType() != null) {
            filter.put("cancellationType", search.cancellationType());
        }
        ObjectNode modified = filter.putObject("modifiedDate");
        modified.put("from", ist(window.from()));
        modified.put("to", ist(window.to()));
        body.putObject("pagination").put("pageSize", properties.sync().pageSize());
        ObjectNode sort = body.putObject("sort");
        sort.put("field", "modifiedDate");
        sort.put("order", "asc");
        return body.toString();
    }

    private static String ist(Instant instant) {
        return OffsetDateTime.ofInstant(instant, IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
