package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        return cursors.singleCodeWindow(accountId, MARKETPLACE_CODE, clock.instant().truncatedTo(ChronoUnit.SECONDS), properties.sync().initialWindow(), properties.sync().overlap());
    }

    /** Route step: the window (property syncWindow, recorded on the run); returns the searches of that window. */
    public List<FlipkartSearch> plan(Exchange exchange) {
        SyncWindow window = window(exchange.getProperty(ACCOUNT_ID, Long.class));
        runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), window.from(), window.to());
        exchange.setProperty(SyncCursors.WINDOW, window);
        return FlipkartSearch.ALL;
    }
}
