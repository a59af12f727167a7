package com.marketplaceconnect.sync;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.operations.OperationsMdc;
import com.marketplaceconnect.operations.OperationsMetrics;
import com.marketplaceconnect.orders.OrderBatches;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.marketplaceconnect.sync.SyncProperties.*;

/**
 * A sync run's life, as route steps: begin (take the account's lock: start a run, adopt one the API started, or take
 * over a stale one), record each stored page, complete or fail. The lock is the partial unique index of sync_run (one
 * RUNNING run per account, {@link SyncRunRepository}); a run whose heartbeat is older than {@code sync.stale-after}
 * belongs to a process that died, and the next run takes over and marks it ABANDONED. A run that ended here but could
 * not be marked FAILED is left to {@link UnrecordedRunEnds}. Each run ends with one log line (marketplace, account,
 * duration, counts) and feeds the sync metrics ({@link OperationsMetrics}).
 */
@Component("syncRuns")
public class SyncRuns {
    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final SyncRunRepository runs;
    private final UnrecordedRunEnds unrecordedEnds;
    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration staleAfter;
    private final OperationsMetrics metrics;
    private final String owner;

    public SyncRuns(SyncRunRepository runs, UnrecordedRunEnds unrecordedEnds, AccountRepository accounts, Clock clock,
                    @Value("${sync.stale-after:PT10M}") Duration staleAfter, @Value("${sync.instance-name:}") String instanceName,
                    OperationsMetrics metrics) {
        this.runs = runs;
        this.unrecordedEnds = unrecordedEnds;
        this.accounts = accounts;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.metrics = metrics;
        // Which instance works on a run (sync_run.owner): pid@host unless named.
        this.owner = instanceName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : instanceName;
    }

    /**
     * Starts a run for the account that a sync request will carry to a worker (the API's "Sync Orders"): no owner until
     * a worker adopts it. Throws {@link SyncAlreadyRunningException} while another run is live.
     */
    public long start(long accountId, SyncTrigger trigger) {
        return start(accountId, trigger, null);
    }

    /** The lock: a new run, or, when the account's live run is stale, that one ABANDONED and a new one. */
    private long start(long accountId, SyncTrigger trigger, String runOwner) {
        unrecordedEnds.record();
        try {
            return runs.insertRunning(accountId, trigger, runOwner, clock.instant());
        } catch (DuplicateKeyException running) {
            if (runs.abandonStale(accountId, clock.instant().minus(staleAfter)) == 0) {
                throw new SyncAlreadyRunningException(accountId);
            }
            try {
                return runs.insertRunning(accountId, trigger, runOwner, clock.instant());
            } catch (DuplicateKeyException raced) {
                throw new SyncAlreadyRunningException(accountId);
            }
        }
    }

    /**
     * Route step: adopts a run started by the API, or starts one; leaves no run id when the account is busy. Sets the
     * run's marketplace and correlation id (exchange properties, hence the MDC of every later step's log lines).
     */
    public void begin(Exchange exchange) {
        exchange.setProperty(API_CALLS, 0);
        exchange.setProperty(THROTTLED, 0);
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        if (exchange.getProperty(MARKETPLACE) == null) {
            exchange.setProperty(MARKETPLACE, runs.marketplaceOf(accountId));
        }
        if (exchange.getProperty(CORRELATION_ID) == null) {
            exchange.setProperty(CORRELATION_ID, OperationsMdc.newCorrelationId());
        }
        Long requested = exchange.getProperty(RUN_ID, Long.class);
        if (requested != null) {
            unrecordedEnds.record();
            // The request may have waited on the topic, or been both published (timed out) and queued here: only one
            // copy adopts the run, and only while it is still RUNNING.
            if (runs.adopt(requested, owner, clock.instant())) {
                exchange.setProperty(RUN_OWNED, true);
            } else {
                log.info("Skipping run {}: it is no longer waiting for a worker (finished, taken over, or already adopted)", requested);
                exchange.removeProperty(RUN_ID);
            }
            return;
        }
        SyncTrigger trigger = SyncTrigger.valueOf(exchange.getProperty(TRIGGER, "SCHEDULED", String.class));
        try {
            exchange.setProperty(RUN_ID, start(accountId, trigger, owner));
            exchange.setProperty(RUN_OWNED, true);
        } catch (SyncAlreadyRunningException busy) {
            log.info("Skipping account {}: a sync is already running", accountId);
        }
    }

    /** Ends a run nobody will work on (its request could not be queued), releasing the account's lock. */
    public void abort(long runId, String reason) {
        runs.abort(runId, reason, clock.instant());
    }

    public void recordWindow(long runId, Instant from, Instant to) {
        runs.recordWindow(runId, from, to);
    }

    /**
     * Route step after each store: counts, and the heartbeat that keeps the lock. The store holds one page, or the
     * pages counted in {@link SyncProperties#PAGES} (each fetched by one successful call besides the failed ones).
     */
    public void recordPage(Exchange exchange) {
        int pages = exchange.getProperty(PAGES, 1, Integer.class);
        int inserted = exchange.getProperty(PAGE_INSERTED, 0, Integer.class);
        int updated = exchange.getProperty(PAGE_UPDATED, 0, Integer.class);
        runs.recordPages(exchange.getProperty(RUN_ID, Long.class), pages, exchange.getProperty(API_CALLS, 0, Integer.class) + pages,
                exchange.getProperty(THROTTLED, 0, Integer.class), inserted, updated, clock.instant());
        exchange.setProperty(API_CALLS, 0);
        exchange.setProperty(THROTTLED, 0);
        exchange.removeProperty(PAGES);
        metrics.ordersSynced(exchange.getProperty(MARKETPLACE, String.class), inserted, updated);
    }

    /** Counts a failed marketplace call that is about to be retried (called before each redelivery). */
    public void countFailedCall(Exchange exchange) {
        exchange.setProperty(API_CALLS, exchange.getProperty(API_CALLS, 0, Integer.class) + 1);
        if (Connectors.statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)) == 429) {
            exchange.setProperty(THROTTLED, exchange.getProperty(THROTTLED, 0, Integer.class) + 1);
        }
    }

    public void complete(Exchange exchange) {
        long runId = exchange.getProperty(RUN_ID, Long.class);
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        SyncRun run = runs.complete(runId, accountId, clock.instant());
        String marketplace = exchange.getProperty(MARKETPLACE, String.class);
        Duration took = took(exchange);
        metrics.syncFinished(marketplace, "succeeded", took);
        log.info("Sync run {} of {} account {} succeeded in {} ms: {} pages, {} API calls ({} throttled), {} orders inserted, {} updated",
                runId, marketplace, accountId, took.toMillis(), run.pages(), run.apiCalls(), run.throttledResponses(),
                run.ordersInserted(), run.ordersUpdated());
    }

    private static Duration took(Exchange exchange) {
        Long started = exchange.getProperty(STARTED_NANOS, Long.class);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** Ends the run as FAILED with a clear reason; the watermark was not moved, so the next run retries the window. */
    public void fail(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        finishFailed(exchange, SyncErrors.describe(cause), "failed");
    }

    /** The marketplace refused the stored authorization: the account stops syncing until the seller reconnects. */
    public void failNeedsReauth(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = SyncErrors.describe(cause);
        accounts.markStatus(exchange.getProperty(ACCOUNT_ID, Long.class), AccountStatus.NEEDS_REAUTH, reason);
        finishFailed(exchange, reason, "needs_reauth");
    }

    private void finishFailed(Exchange exchange, String reason, String outcome) {
        // A batch of orders still being stored ends before the run does: nothing of this run is written after it.
        try {
            OrderBatches.settle(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("A batch of orders of a failing run could not be stored either: {}", e.getMessage());
        }
        OrderBatches.giveBackUnstored(exchange);
        Long runId = exchange.getProperty(RUN_ID, Long.class);
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = Connectors.statusOf(cause);
        // Failed calls, the one that failed the run, and successful ones of pages fetched but not stored.
        int calls = exchange.getProperty(API_CALLS, 0, Integer.class) + (status > 0 ? 1 : 0)
                + exchange.getProperty(PAGES, 0, Integer.class);
        int throttled = exchange.getProperty(THROTTLED, 0, Integer.class) + (status == 429 ? 1 : 0);
        try {
            accounts.recordError(accountId, reason);   // before the run ends, as in complete()
        } catch (DataAccessException e) {
            log.warn("The error of account {} could not be recorded: {}", accountId, SyncErrors.describe(NestedExceptionUtils.getMostSpecificCause(e)));
        }
        if (runId != null) {
            Timestamp finishedAt = Timestamp.from(clock.instant());
            boolean owned = exchange.getProperty(RUN_OWNED, false, Boolean.class);
            try {
                runs.markFailed(runId, owned, reason, finishedAt, calls, throttled);
            } catch (DataAccessException e) {
                if (!owned) {
                    throw e;
                }
                unrecordedEnds.remember(runId, new UnrecordedRunEnds.End(reason, finishedAt, calls, throttled));
                log.warn("Sync run {} ended but could not be marked FAILED ({}): it is marked once the database answers again",
                        runId, SyncErrors.describe(NestedExceptionUtils.getMostSpecificCause(e)));
            }
        }
        String marketplace = exchange.getProperty(MARKETPLACE, String.class);
        Duration took = took(exchange);
        metrics.syncFinished(marketplace, outcome, took);
        log.warn("Sync run {} of {} account {} failed after {} ms: {}", runId, marketplace, accountId, took.toMillis(), reason);
    }

    public SyncRun find(long runId) {
        return runs.find(runId);
    }

    public java.util.Optional<SyncRun> findOfAccount(long accountId, long runId) {
        return runs.findOfAccount(accountId, runId);
    }

    public List<SyncRun> recent(long accountId, int limit) {
        return runs.recent(accountId, limit);
    }
}
