package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static com.marketplaceconnect.sync.SyncProperties.ACCOUNT_ID;
import static com.marketplaceconnect.sync.SyncProperties.RUN_ID;

/**
 * Decides what one Flipkart sync asks for: one window of {@code modifiedDate}, [watermark - overlap, now] (the first
 * sync: {@code flipkart.sync.initial-window} back), searched once per {@link FlipkartSearch}. The watermark moves
 * only after every search of the window is stored.
 */
@Component("flipkartSyncPlanner")
public class FlipkartSyncPlanner {
    public static final String MARKETPLACE_CODE = "IN";
    public static final String SEARCHES = "flipkartSearches";
    public static final String SEARCH = "flipkartSearch";

    private final SyncCursors cursors;
    private final SyncRuns runs;
    private final FlipkartProperties properties;
    private final Clock clock;

    public FlipkartSyncPlanner(SyncCursors cursors, SyncRuns runs, FlipkartProperties properties, Clock clock) {
        this.cursors = cursors;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    public SyncWindow window(long accountId) {
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant watermark = cursors.watermarks(accountId).get(MARKETPLACE_CODE);
        Instant from = watermark == null ? to.minus(properties.sync().initialWindow()) : watermark.minus(properties.sync().overlap());
        if (!from.isBefore(to)) {
            from = to.minusSeconds(1);
        }
        return new SyncWindow(List.of(MARKETPLACE_CODE), List.of(MARKETPLACE_CODE), from, to);
    }

    /** Route step: the window, recorded on the run, and the first search. */
    public void plan(Exchange exchange) {
        SyncWindow window = window(exchange.getProperty(ACCOUNT_ID, Long.class));
        runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), window.from(), window.to());
        exchange.setProperty(SyncCursors.WINDOW, window);
        exchange.setProperty(SEARCHES, new ArrayDeque<>(FlipkartSearch.ALL));
        next(exchange);
    }

    /** Route step: makes the next search current (none = every search of the window is done). */
    @SuppressWarnings("unchecked")
    public void next(Exchange exchange) {
        Deque<FlipkartSearch> searches = exchange.getProperty(SEARCHES, Deque.class);
        exchange.setProperty(SEARCH, searches.poll());
        exchange.removeProperty(FlipkartShipments.NEXT_PAGE_URL);
        exchange.setProperty(FlipkartShipments.MORE_PAGES, true);
    }
}
