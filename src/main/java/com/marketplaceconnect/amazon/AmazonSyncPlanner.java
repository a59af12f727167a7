package com.marketplaceconnect.amazon;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.marketplaceconnect.sync.SyncProperties.ACCOUNT_ID;
import static com.marketplaceconnect.sync.SyncProperties.RUN_ID;

/**
 * Decides what one Amazon sync asks for. Enabled marketplaces that share a watermark share one searchOrders
 * sequence (one call can name several marketplaces); a marketplace never synced before gets the initial window.
 * {@code lastUpdatedAfter = watermark - overlap}, {@code lastUpdatedBefore = now - 2 min} (Amazon's rule).
 */
@Component("amazonSyncPlanner")
public class AmazonSyncPlanner {
    public static final String WINDOWS = "syncWindows";
    public static final String ENDPOINT = "spApiEndpoint";

    private final AccountRepository accounts;
    private final SyncCursors cursors;
    private final SyncRuns runs;
    private final AmazonProperties properties;
    private final Clock clock;

    public AmazonSyncPlanner(AccountRepository accounts, SyncCursors cursors, SyncRuns runs, AmazonProperties properties, Clock clock) {
        this.accounts = accounts;
        this.cursors = cursors;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    public List<SyncWindow> windows(long accountId) {
        Instant to = clock.instant().minus(properties.sync().updatedBeforeLag());
        Instant initial = to.minus(properties.sync().initialWindow());
        Map<String, Instant> watermarks = cursors.watermarks(accountId);
        Map<Instant, List<String>> byFrom = new TreeMap<>();
        Map<String, String> enabled = accounts.enabledMarketplaces(accountId);
        for (String code : enabled.keySet()) {
            Instant watermark = watermarks.get(code);
            Instant from = watermark == null ? initial : watermark.minus(properties.sync().overlap());
            byFrom.computeIfAbsent(from.isBefore(to) ? from : to.minusSeconds(1), k -> new ArrayList<>()).add(code);
        }
        List<SyncWindow> windows = new ArrayList<>();
        byFrom.forEach((from, codes) -> windows.add(new SyncWindow(codes, codes.stream().map(enabled::get).toList(), from, to)));
        return windows;
    }

    /** Route step: the account's windows, the first one current, and its region's endpoint. */
    public void plan(Exchange exchange) {
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        SellerAccount account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        exchange.setProperty(ENDPOINT, properties.endpoints().forRegion(account.region()));
        Deque<SyncWindow> windows = new ArrayDeque<>(windows(accountId));
        if (!windows.isEmpty()) {
            Instant from = windows.stream().map(SyncWindow::from).min(Instant::compareTo).orElseThrow();
            runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), from, windows.peek().to());
        }
        exchange.setProperty(WINDOWS, windows);
        next(exchange);
    }

    /** Route step: makes the next window current (none = done). */
    @SuppressWarnings("unchecked")
    public void next(Exchange exchange) {
        Deque<SyncWindow> windows = exchange.getProperty(WINDOWS, Deque.class);
        exchange.setProperty(SyncCursors.WINDOW, windows.poll());
        exchange.removeProperty(AmazonSearchOrders.NEXT_TOKEN);
        exchange.setProperty(AmazonSearchOrders.MORE_PAGES, true);
    }
}
