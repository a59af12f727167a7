package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.marketplaceconnect.sync.SyncProperties.ACCOUNT_ID;
import static com.marketplaceconnect.sync.SyncProperties.RUN_ID;

/**
 * The reconciliation's plan and paging. One window of {@code date_modified}: [watermark - overlap, now] (first sync:
 * {@code woocommerce.sync.initial-window} back), asked for with {@code modified_after}, {@code modified_before},
 * {@code dates_are_gmt=true}, {@code orderby=modified&order=asc}.
 * <p>
 * Paging by page number alone loses orders when the list changes under it: an order modified during the walk leaves
 * its place (its new time is past the window), every later order moves up one, and the first of the next page is
 * skipped. So the walk moves its own cursor: after a page, the next request starts again at page 1 with
 * {@code modified_after} one second before the newest {@code date_modified_gmt} seen (a second's orders are fetched
 * again; the upsert keeps them once). Only when a whole page shares one second does it go to the next page number.
 * {@code X-WP-TotalPages} says whether anything is left.
 */
@Component("woocommerceSync")
public class WooCommerceSync {
    public static final String MODIFIED_AFTER = "wooModifiedAfter";
    public static final String PAGE = "wooPage";
    public static final String MORE = "morePages";

    private final SyncCursors cursors;
    private final SyncRuns runs;
    private final WooCommerceProperties.Sync properties;
    private final Clock clock;

    public WooCommerceSync(SyncCursors cursors, SyncRuns runs, WooCommerceProperties properties, Clock clock) {
        this.cursors = cursors;
        this.runs = runs;
        this.properties = properties.sync();
        this.clock = clock;
    }

    public SyncWindow window(long accountId) {
        return cursors.singleCodeWindow(accountId, WooCommerceOrderMapper.MARKETPLACE_CODE, clock.instant().truncatedTo(ChronoUnit.SECONDS), properties.initialWindow(), properties.overlap());
    }

    /** Route step: the window (property syncWindow, recorded on the run) and the walk's start. */
    public void plan(Exchange exchange) {
        SyncWindow window = window(exchange.getProperty(ACCOUNT_ID, Long.class));
        runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), window.from(), window.to());
        exchange.setProperty(SyncCursors.WINDOW, window);
        exchange.setProperty(MODIFIED_AFTER, window.from());
        exchange.setProperty(PAGE, 1);
        exchange.setProperty(MORE, true);
    }

    /** The list call's query: the window, oldest change first, one page. */
    public String ordersQuery(Exchange exchange) {
        SyncWindow window = exchange.getProperty(SyncCursors.WINDOW, SyncWindow.class);
        Instant after = exchange.getProperty(MODIFIED_AFTER, Instant.class);
        return "modified_after=" + gmt(after) + "&modified_before=" + gmt(window.to())
                + "&dates_are_gmt=true&orderby=modified&order=asc&per_page=" + properties.pageSize()
                + "&page=" + exchange.getProperty(PAGE, Integer.class);
    }

    /** Route step after a page (body: the answer's JSON): whether to go on, and from where. */
    public void pageRead(Exchange exchange) throws MalformedMarketplaceResponseException {
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        if (page == null || !page.isArray()) {
            throw new MalformedMarketplaceResponseException("WooCommerce answered the orders list with something other than a JSON array");
        }
        int pageNumber = exchange.getProperty(PAGE, Integer.class);
        String totalPagesHeader = exchange.getMessage().getHeader("X-WP-TotalPages", String.class);
        int totalPages;
        try {
            totalPages = totalPagesHeader == null ? (page.size() < properties.pageSize() ? pageNumber : pageNumber + 1)
                    : Integer.parseInt(totalPagesHeader.trim());
        } catch (NumberFormatException e) {
            throw new MalformedMarketplaceResponseException("X-WP-TotalPages is not a number: " + totalPagesHeader);
        }
        if (page.isEmpty() || pageNumber >= totalPages) {
            exchange.setProperty(MORE, false);
            return;
        }
        Instant cursor = exchange.getProperty(MODIFIED_AFTER, Instant.class);
        Instant newest = WooCommerceOrderMapper.instant(page.get(page.size() - 1).path("date_modified_gmt"));
        if (newest != null && newest.minusSeconds(1).isAfter(cursor)) {
            exchange.setProperty(MODIFIED_AFTER, newest.minusSeconds(1));
            exchange.setProperty(PAGE, 1);
        } else {
            exchange.setProperty(PAGE, pageNumber + 1);
        }
        exchange.setProperty(MORE, true);
    }

    static String gmt(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().length() == 16
                ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) + ":00" : LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }
}
