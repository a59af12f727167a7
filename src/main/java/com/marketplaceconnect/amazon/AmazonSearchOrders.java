package com.marketplaceconnect.amazon;

import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The query of one searchOrders page (Orders API v2026-01-01), for the route's CamelHttpQuery header. Every parameter
 * is URL-encoded exactly once here and passed to the HTTP component as the raw query, so the opaque pagination token
 * (which contains + / =) reaches Amazon unaltered. With a token, the other parameters repeat the first page's, as
 * Amazon requires.
 */
@Component("amazonSearchOrders")
public class AmazonSearchOrders {
    /** The pagination token of the next page (set by the mapper); absent on a window's first page. */
    public static final String NEXT_TOKEN = "nextToken";
    /** true while the window has pages to fetch. */
    public static final String MORE_PAGES = "morePages";

    private final AmazonProperties properties;

    public AmazonSearchOrders(AmazonProperties properties) {
        this.properties = properties;
    }

    /** marketplaceIds, lastUpdatedAfter/Before (the window), maxResultsPerPage, includedData, paginationToken. */
    public String query(@ExchangeProperty(SyncCursors.WINDOW) SyncWindow window, @ExchangeProperty(NEXT_TOKEN) String token) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("marketplaceIds", String.join(",", window.marketplaceIds()));
        query.put("lastUpdatedAfter", DateTimeFormatter.ISO_INSTANT.format(window.from()));
        query.put("lastUpdatedBefore", DateTimeFormatter.ISO_INSTANT.format(window.to()));
        query.put("maxResultsPerPage", String.valueOf(properties.sync().pageSize()));
        query.put("includedData", properties.sync().includedData());
        if (token != null) {
            query.put("paginationToken", token);
        }
        return encode(query);
    }

    static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
