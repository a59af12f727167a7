package com.marketplaceconnect.operations;

import com.marketplaceconnect.accounts.AccountStatus;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gauges read from the database every {@code operations.metrics.refresh-interval} (not on every scrape):
 * <ul>
 *   <li>{@code mc_sync_lag_seconds{account_id,marketplace,marketplace_code}} — now minus the watermark of each
 *       enabled marketplace of each account that is not DISCONNECTED (minus the time it was enabled, while it has no
 *       watermark yet). Computed at scrape time from the cached watermark, so it keeps growing between refreshes
 *       when syncs stop. This is the figure to alarm on.</li>
 *   <li>{@code mc_accounts{marketplace,status}} — accounts by status.</li>
 *   <li>{@code mc_shipment_events{marketplace,state}} — the tracking-push outbox by state (PENDING, DEAD …), and
 *       {@code mc_dead_letters_pending{source="shipments.push"}} — DEAD events waiting for an operator.</li>
 * </ul>
 */
@Component
public class SyncLagMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncLagMetrics.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    private final MultiGauge lag;
    private final MultiGauge accounts;
    private final MultiGauge shipments;
    private final java.util.concurrent.atomic.AtomicInteger deadShipments = new java.util.concurrent.atomic.AtomicInteger();
    private ScheduledExecutorService scheduler;

    public SyncLagMetrics(JdbcTemplate jdbc, Clock clock, OperationsMetrics metrics,
                          @Value("${operations.metrics.refresh-interval:PT30S}") Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
        this.lag = MultiGauge.builder("mc.sync.lag").baseUnit("seconds")
                .description("Now minus the sync watermark, per account and marketplace").register(metrics.registry());
        this.accounts = MultiGauge.builder("mc.accounts").description("Seller accounts by status").register(metrics.registry());
        this.shipments = MultiGauge.builder("mc.shipment.events").description("Shipment events (tracking pushes) by state")
                .register(metrics.registry());
        metrics.deadLetterBacklog("shipments.push", deadShipments::get);
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-lag-metrics");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the sync lag metrics: {}", e.toString());
        }
    }

    /** Reads watermarks and account counts now (the schedule calls this; so may a test). */
    public void refresh() {
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        jdbc.query("""
                select a.id, a.marketplace, m.marketplace_code, coalesce(c.watermark, m.enabled_at) as since
                  from seller_account a
                  join account_marketplace m on m.account_id = a.id
                  left join sync_cursor c on c.account_id = a.id and c.marketplace_code = m.marketplace_code
                 where a.status <> 'DISCONNECTED'
                """, rs -> {
            Instant since = rs.getTimestamp("since").toInstant();
            lagRows.add(MultiGauge.Row.of(Tags.of("account_id", String.valueOf(rs.getLong("id")),
                            "marketplace", rs.getString("marketplace"), "marketplace_code", rs.getString("marketplace_code")),
                    () -> Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0)));
        });
        lag.register(lagRows, true);

        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        jdbc.query("select marketplace, status, count(*) from seller_account group by marketplace, status", rs -> {
            counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
        });
        List<MultiGauge.Row<?>> accountRows = new ArrayList<>();
        counts.forEach((marketplace, byStatus) -> {
            for (AccountStatus status : AccountStatus.values()) {
                accountRows.add(MultiGauge.Row.of(Tags.of("marketplace", marketplace, "status", status.name()),
                        byStatus.getOrDefault(status.name(), 0)));
            }
        });
        accounts.register(accountRows, true);

        List<MultiGauge.Row<?>> shipmentRows = new ArrayList<>();
        int[] dead = {0};
        jdbc.query("select coalesce(marketplace, 'unknown'), state, count(*) from shipment_event group by 1, 2", rs -> {
            shipmentRows.add(MultiGauge.Row.of(Tags.of("marketplace", rs.getString(1), "state", rs.getString(2)), rs.getInt(3)));
            if ("DEAD".equals(rs.getString(2))) {
                dead[0] += rs.getInt(3);
            }
        });
        shipments.register(shipmentRows, true);
        deadShipments.set(dead[0]);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
