package com.marketplaceconnect.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The service's own metrics (Prometheus names in brackets; scraped at /actuator/prometheus with the operator role),
 * and the hooks other parts of the service call:
 * <ul>
 *   <li>{@link #ordersSynced} [mc_sync_orders_total{marketplace,change}] — orders stored by syncs, inserted or updated</li>
 *   <li>{@link #syncFinished} [mc_sync_duration_seconds{marketplace,outcome}] — one timer sample per run</li>
 *   <li>{@link #apiCall} [mc_marketplace_api_calls_total{marketplace,operation,status},
 *       mc_marketplace_api_throttled_total{marketplace,operation}, mc_marketplace_api_call_seconds] — every marketplace
 *       call; Camel HTTP calls are counted by {@link MarketplaceCallMetrics} without anyone calling this</li>
 *   <li>{@link #pushOutcome} [mc_push_total{marketplace,outcome}, mc_push_duration_seconds] — tracking pushes</li>
 *   <li>{@link #deadLettered} [mc_dead_letters_total{source}] — anything given up on and parked for an operator</li>
 *   <li>{@link #deadLetterBacklog} [mc_dead_letters_pending{source}] — how many wait right now</li>
 * </ul>
 * Sync lag and account counts are gauges of {@link SyncLagMetrics}. Tag values are short words (marketplace
 * AMAZON, outcome PUSHED …), never ids, except the lag gauge's account_id.
 */
@Component("operationsMetrics")
public class OperationsMetrics {
    /** Exchange property naming the marketplace operation of the next HTTP call (searchOrders, confirmShipment …). */
    public static final String OPERATION = "marketplaceOperation";
    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final MeterRegistry registry;

    public OperationsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Orders one sync page stored. */
    public void ordersSynced(String marketplace, int inserted, int updated) {
        if (inserted > 0) {
            counter("mc.sync.orders", "Orders stored by syncs", "marketplace", tag(marketplace), "change", "inserted").increment(inserted);
        }
        if (updated > 0) {
            counter("mc.sync.orders", "Orders stored by syncs", "marketplace", tag(marketplace), "change", "updated").increment(updated);
        }
    }

    /** A sync run ended: outcome succeeded, failed or needs_reauth. */
    public void syncFinished(String marketplace, String outcome, Duration took) {
        Timer.builder("mc.sync.duration").description("Duration of sync runs, by outcome")
                .tags("marketplace", tag(marketplace), "outcome", tag(outcome).toLowerCase(Locale.ROOT))
                .register(registry).record(took);
    }

    /**
     * One call to a marketplace API. {@code status} is the HTTP status, or 0 when no response came (I/O error,
     * timeout). A 429 also counts as throttled.
     */
    public void apiCall(String marketplace, String operation, int status, Duration took) {
        String m = tag(marketplace);
        String op = tag(operation);
        counter("mc.marketplace.api.calls", "Marketplace API calls by HTTP status (0 = no response)",
                "marketplace", m, "operation", op, "status", String.valueOf(status)).increment();
        if (status == 429) {
            counter("mc.marketplace.api.throttled", "Marketplace API calls answered 429 (throttled)",
                    "marketplace", m, "operation", op).increment();
        }
        if (took != null) {
            Timer.builder("mc.marketplace.api.call").description("Duration of marketplace API calls")
                    .tags("marketplace", m, "operation", op).register(registry).record(took);
        }
    }

    /** A tracking push (or any push to a marketplace) ended with this outcome: PUSHED, FAILED, DEAD, … */
    public void pushOutcome(String marketplace, String outcome) {
        counter("mc.push", "Pushes to marketplaces by outcome", "marketplace", tag(marketplace), "outcome", tag(outcome)).increment();
    }

    /**
     * A push ended: counts it ({@link #pushOutcome}), times it, and writes the push's one log line with the account,
     * marketplace, items and duration (the correlation id comes from the MDC: call it inside {@link OperationsMdc#open}).
     */
    public void pushCompleted(long accountId, String marketplace, String outcome, int items, Duration took) {
        pushOutcome(marketplace, outcome);
        Timer.builder("mc.push.duration").description("Duration of pushes to marketplaces")
                .tags("marketplace", tag(marketplace), "outcome", tag(outcome)).register(registry).record(took);
        log.info("Push to {} for account {} {}: {} items in {} ms", marketplace, accountId, outcome, items, took.toMillis());
    }

    /** Something was given up on and parked as a dead letter; {@code source} says where (shipments.events, shipments.push …). */
    public void deadLettered(String source) {
        counter("mc.dead.letters", "Messages parked as dead letters", "source", tag(source)).increment();
    }

    /** Registers a gauge of how many dead letters of {@code source} wait (e.g. a count of rows in state DEAD). */
    public void deadLetterBacklog(String source, Supplier<Number> pending) {
        Gauge.builder("mc.dead.letters.pending", pending).description("Dead letters waiting for an operator")
                .tags("source", tag(source)).strongReference(true).register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static String tag(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
