package com.marketplaceconnect.amazon;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private final AccountRepository accounts;
    private final SyncRuns runs;
    private final AmazonProperties properties;
    private final AmazonEndpoints endpoints;
    private final Clock clock;
    private final JdbcTemplate jdbcTemplate;

    public AmazonSyncPlanner(AccountRepository accounts, SyncRuns runs, AmazonProperties properties, AmazonEndpoints endpoints,
                             Clock clock, JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.endpoints = endpoints;
        this.accounts = accounts;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    /** One enabled marketplace of the account, with its watermark (null before its first sync). */
    private record Enabled(String region, String code, String marketplaceId, Instant watermark) {
    }

    /** The account's region and enabled marketplaces with their watermarks, in one query. */
    private List<Enabled> enabled(long accountId) {
        return jdbcTemplate.query("""
                select a.region, m.marketplace_code, m.marketplace_id, c.watermark
                  from seller_account a
                  join account_marketplace m on m.account_id = a.id
                  left join sync_cursor c on c.account_id = a.id and c.marketplace_code = m.marketplace_code
                 where a.id = ?
                 order by m.marketplace_code
                """, (rs, n) -> new Enabled(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), accountId);
    }

    /** Enabled marketplaces grouped by where their window starts: [watermark - overlap, now - lag]. */
    List<SyncWindow> windows(List<Enabled> enabled) {
        Instant to = clock.instant().minus(properties.sync().updatedBeforeLag());
        Instant initial = to.minus(properties.sync().initialWindow());
        Map<Instant, List<Enabled>> byFrom = new TreeMap<>();
        for (Enabled e : enabled) {
            Instant from = e.watermark() == null ? initial : e.watermark().minus(properties.sync().overlap());
            byFrom.computeIfAbsent(from.isBefore(to) ? from : to.minusSeconds(1), k -> new ArrayList<>()).add(e);
        }
        List<SyncWindow> windows = new ArrayList<>();
        byFrom.forEach((from, group) -> windows.add(new SyncWindow(group.stream().map(Enabled::code).toList(),
                group.stream().map(Enabled::marketplaceId).toList(), from, to)));
        return windows;
    }

    /**
     * Route step: the account's windows, oldest first (the route fetches them one after the other), with its region's
     * endpoint (exchange property spApiEndpoint). The run records the span they cover.
     */
    public List<SyncWindow> plan(Exchange exchange) {
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        List<Enabled> enabled = enabled(accountId);
        String region = enabled.isEmpty()
                ? accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId)).region()
                : enabled.get(0).region();
        exchange.setProperty(AmazonEndpoints.ENDPOINT, endpoints.forRegion(region));
        List<SyncWindow> windows = windows(enabled);
        if (!windows.isEmpty()) {
            runs.recordWindow(exchange.getProperty(RUN_ID, Long.class), windows.get(0).from(), windows.get(0).to());
        }
        return windows;
    }
}
