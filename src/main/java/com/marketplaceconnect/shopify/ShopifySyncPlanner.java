package com.marketplaceconnect.shopify;

import static com.marketplaceconnect.sync.SyncProperties.ACCOUNT_ID;
import static com.marketplaceconnect.sync.SyncProperties.RUN_ID;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;

/**
 * Decides what one Shopify reconciliation asks for: orders with {@code updated_at} since the watermark minus
 * {@code shopify.sync.overlap} (the first run: {@code shopify.sync.initial-window} back, 30 days), page by page with
 * the connection's cursor. The watermark (the run's start) moves only after every page is stored.
 */
@Component("shopifySyncPlanner")
public class ShopifySyncPlanner {
    /** The account's one "marketplace" (account_marketplace, sync_cursor): the shop. */
    public static final String MARKETPLACE_CODE = "SHOP";

    private final SyncCursors cursors;
    private final SyncRuns runs;
    private final ShopifyProperties properties;
    private final Clock clock;

    public ShopifySyncPlanner(SyncCursors cursors, SyncRuns runs, ShopifyProperties properties, Clock clock) {
        this.cursors = cursors;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    public SyncWindow window(long accountId) {
        return cursors.singleCodeWindow(accountId, MARKETPLACE_CODE, clock.instant().truncatedTo(ChronoUnit.SECONDS), properties.sync().initialWindow(), properties.sync().overlap());
    }

    /** Route step: the window (property syncWindow, recorded on the run); no cursor yet, a first page to fetch. */
    public void plan(Exchange exchange) {
        SyncWindow window = window(exchange.getProperty(ACCOUNT_ID, Long.class));
        runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), window.from(), window.to());
        exchange.setProperty(SyncCursors.WINDOW, window);
        exchange.removeProperty("shopifyCursor");
        exchange.setProperty("morePages", true);
    }

    /** Route step after a page (body: the answer's data): the next cursor, and whether there is a next page. */
    public void nextPage(Exchange exchange) {
        JsonNode pageInfo = exchange.getMessage().getBody(JsonNode.class).path("orders").path("pageInfo");
        boolean more = pageInfo.path("hasNextPage").asBoolean(false) && pageInfo.hasNonNull("endCursor");
        exchange.setProperty("morePages", more);
        if (more) {
            exchange.setProperty("shopifyCursor", pageInfo.get("endCursor").asText());
        }
    }
}
