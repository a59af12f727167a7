package com.marketplaceconnect.amazon;

import com.marketplaceconnect.operations.OperationsMetrics;
import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the query of one searchOrders page (Orders API v2026-01-01). Every parameter is URL-encoded exactly once
 * here and passed to the HTTP component as the raw query, so the opaque pagination token (which contains + / =)
 * reaches Amazon unaltered. With a token, the other parameters repeat the first page's, as Amazon requires.
 */
@Component("amazonSearchOrders")
public class AmazonSearchOrders {
    public static final String NEXT_TOKEN = "nextToken";
    public static final String MORE_PAGES = "morePages";

    private final AmazonProperties properties;

    public AmazonSearchOrders(AmazonProperties properties) {
        this.properties = properties;
    }

    public void prepare(Exchange exchange) {
        SyncWindow window = exchange.getProperty(SyncCursors.WINDOW, SyncWindow.class);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("marketplaceIds", String.join(",", window.marketplaceIds()));
        query.put("lastUpdatedAfter", DateTimeFormatter.ISO_INSTANT.format(window.from()));
        query.put("lastUpdatedBefore", DateTimeFormatter.ISO_INSTANT.format(window.to()));
        query.put("maxResultsPerPage", String.valueOf(properties.sync().pageSize()));
        query.put("includedData", properties.sync().includedData());
        String token = exchange.getProperty(NEXT_TOKEN, String.class);
        if (token != null) {
            query.put("paginationToken", token);
        }
        exchange.setProperty(OperationsMetrics.OPERATION, "searchOrders");
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_QUERY, encode(query));
        message.setHeader("Accept", "application/json");
        message.setHeader("User-Agent", properties.userAgent());
        message.setBody(null);
    }

    static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
