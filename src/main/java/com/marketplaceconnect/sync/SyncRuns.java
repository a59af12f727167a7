package com.marketplaceconnect.sync;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.operations.OperationsMdc;
import com.marketplaceconnect.operations.OperationsMetrics;
import com.marketplaceconnect.orders.OrderBatches;
import jakarta.annotation.PreDestroy;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.marketplaceconnect.sync.SyncProperties.*;

/**
 * The sync_run table and the database lock it carries: a partial unique index allows one RUNNING run per account,
 * across threads and processes. A run whose heartbeat is older than {@code sync.stale-after} belongs to a process
 * that died; the next run takes over and marks it ABANDONED. A run that ended on this instance but could not be marked
 * FAILED (the database was unreachable just then) is remembered and marked as soon as the database answers again (tried
 * every {@value #UNRECORDED_RETRY_SECONDS} s, and before every run this instance starts or adopts), so its account is
 * not locked until it is stale. A run
 * the API starts has no owner until a worker adopts it ({@link #begin}); only one worker can. Each run ends with one
 * log line (marketplace, account, duration, counts) and feeds the sync metrics ({@link OperationsMetrics}).
 */
@Component("syncRuns")
public class SyncRuns {
    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration staleAfter;
    private final OperationsMetrics metrics;
    private final String owner;
    /** Runs that ended here while the database could not take their end: marked FAILED once it can. */
    private final Map<Long, UnrecordedEnd> unrecordedEnds = new ConcurrentHashMap<>();
    private static final int UNRECORDED_RETRY_SECONDS = 5;
    private ScheduledExecutorService unrecordedRetry;

    private record UnrecordedEnd(String reason, Timestamp finishedAt, int calls, int throttled) {
    }

    public SyncRuns(JdbcTemplate jdbc, TransactionTemplate tx, AccountRepository accounts, Clock clock,
                    @Value("${sync.stale-after:PT10M}") Duration staleAfter, @Value("${sync.instance-name:}") String instanceName,
                    OperationsMetrics metrics) {
        this.jdbc = jdbc;
        this.tx = tx;
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

    private long start(long accountId, SyncTrigger trigger, String runOwner) {
        recordUnrecordedEnds();
        try {
            return insertRunning(accountId, trigger, runOwner);
        } catch (DuplicateKeyException running) {
            int abandoned = jdbc.update("""
                    update sync_run set status = 'ABANDONED', finished_at = now(),
                           error = 'The process running this sync stopped (no heartbeat since ' || heartbeat_at || ')'
                     where account_id = ? and status = 'RUNNING' and heartbeat_at < ?
                    """, accountId, Timestamp.from(clock.instant().minus(staleAfter)));
            if (abandoned == 0) {
                throw new SyncAlreadyRunningException(accountId);
            }
            try {
                return insertRunning(accountId, trigger, runOwner);
            } catch (DuplicateKeyException raced) {
                throw new SyncAlreadyRunningException(accountId);
            }
        }
    }

    private long insertRunning(long accountId, SyncTrigger trigger, String runOwner) {
        return tx.execute(s -> jdbc.queryForObject(
                "insert into sync_run (account_id, trigger, status, owner, started_at, heartbeat_at) values (?, ?, 'RUNNING', ?, ?, ?) returning id",
                Long.class, accountId, trigger.name(), runOwner, Timestamp.from(clock.instant()), Timestamp.from(clock.instant())));
    }

    /** Tries again every few seconds to write the ends that could not be written, until there are none. */
    private synchronized void retryUnrecordedEnds() {
        if (unrecordedRetry != null) {
            return;
        }
        unrecordedRetry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-run-ends");
            t.setDaemon(true);
            return t;
        });
        unrecordedRetry.scheduleWithFixedDelay(() -> {
            try {
                recordUnrecordedEnds();
            } catch (RuntimeException stillAway) {
                log.debug("Sync run ends still not written: {}", stillAway.getMessage());
            }
        }, UNRECORDED_RETRY_SECONDS, UNRECORDED_RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    synchronized void stopRetrying() {
        if (unrecordedRetry != null) {
            unrecordedRetry.shutdownNow();
        }
    }

    /**
     * Marks FAILED the runs that ended here while the database was unreachable (their worker is done: nobody else can
     * be working on them, since a run with an owner is never adopted). Throws while the database still does not answer.
     */
    private void recordUnrecordedEnds() {
        for (Map.Entry<Long, UnrecordedEnd> entry : unrecordedEnds.entrySet()) {
            UnrecordedEnd end = entry.getValue();
            int marked = markFailed(entry.getKey(), true, end.reason(), end.finishedAt(), end.calls(), end.throttled());
            unrecordedEnds.remove(entry.getKey());
            if (marked > 0) {
                log.info("Sync run {} marked FAILED now that the database answers again: {}", entry.getKey(), end.reason());
            }
        }
    }

    /**
     * Ends a RUNNING run as FAILED; 0 when it is no longer RUNNING (finished, or taken over as stale). A run this worker
     * did not adopt (it failed before) is ended only while no other worker has adopted it.
     */
    private int markFailed(long runId, boolean owned, String reason, Timestamp finishedAt, int calls, int throttled) {
        return jdbc.update("""
                update sync_run set status = 'FAILED', error = ?, finished_at = ?, api_calls = api_calls + ?,
                       throttled_responses = throttled_responses + ?
                 where id = ? and status = 'RUNNING' and (? or owner is null)
                """, reason, finishedAt, calls, throttled, runId, owned);
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
            exchange.setProperty(MARKETPLACE, jdbc.queryForList("select marketplace from seller_account where id = ?", String.class, accountId)
                    .stream().findFirst().orElse(null));
        }
        if (exchange.getProperty(CORRELATION_ID) == null) {
            exchange.setProperty(CORRELATION_ID, OperationsMdc.newCorrelationId());
        }
        Long requested = exchange.getProperty(RUN_ID, Long.class);
        if (requested != null) {
            recordUnrecordedEnds();
            // The request may have waited on the topic: adopt the run only while it is still RUNNING (not taken over
            // as stale by another sync, nor finished) and nobody has adopted it yet (a request published to Kafka
            // and, its publishing having timed out, also queued on this instance: only one of the two copies runs),
            // in the same statement that renews its heartbeat.
            int adopted = jdbc.update("update sync_run set owner = ?, heartbeat_at = ? where id = ? and status = 'RUNNING' and owner is null",
                    owner, Timestamp.from(clock.instant()), requested);
            if (adopted == 0) {
                log.info("Skipping run {}: it is no longer waiting for a worker (finished, taken over, or already adopted)", requested);
                exchange.removeProperty(RUN_ID);
            } else {
                exchange.setProperty(RUN_OWNED, true);
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
        jdbc.update("update sync_run set status = 'FAILED', error = ?, finished_at = ? where id = ? and status = 'RUNNING'",
                reason, Timestamp.from(clock.instant()), runId);
    }

    public void recordWindow(long runId, Instant from, Instant to) {
        jdbc.update("update sync_run set window_from = ?, window_to = ? where id = ?", Timestamp.from(from), Timestamp.from(to), runId);
    }

    /**
     * Route step after each store: counts, and the heartbeat that keeps the lock. The store holds one page, or the
     * pages counted in {@link SyncProperties#PAGES} (each fetched by one successful call besides the failed ones).
     */
    public void recordPage(Exchange exchange) {
        int pages = exchange.getProperty(PAGES, 1, Integer.class);
        int calls = exchange.getProperty(API_CALLS, 0, Integer.class) + pages;
        jdbc.update("""
                update sync_run set pages = pages + ?, api_calls = api_calls + ?, throttled_responses = throttled_responses + ?,
                       orders_inserted = orders_inserted + ?, orders_updated = orders_updated + ?, heartbeat_at = ?
                 where id = ?
                """, pages, calls, exchange.getProperty(THROTTLED, 0, Integer.class),
                exchange.getProperty(PAGE_INSERTED, 0, Integer.class), exchange.getProperty(PAGE_UPDATED, 0, Integer.class),
                Timestamp.from(clock.instant()), exchange.getProperty(RUN_ID, Long.class));
        exchange.setProperty(API_CALLS, 0);
        exchange.setProperty(THROTTLED, 0);
        exchange.removeProperty(PAGES);
        metrics.ordersSynced(exchange.getProperty(MARKETPLACE, String.class), exchange.getProperty(PAGE_INSERTED, 0, Integer.class),
                exchange.getProperty(PAGE_UPDATED, 0, Integer.class));
    }

    /** Counts a failed marketplace call that is about to be retried (called before each redelivery). */
    public void countFailedCall(Exchange exchange) {
        exchange.setProperty(API_CALLS, exchange.getProperty(API_CALLS, 0, Integer.class) + 1);
        if (statusOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)) == 429) {
            exchange.setProperty(THROTTLED, exchange.getProperty(THROTTLED, 0, Integer.class) + 1);
        }
    }

    public void complete(Exchange exchange) {
        long runId = exchange.getProperty(RUN_ID, Long.class);
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        // One statement: the account's state and the finished run commit together, so whoever sees the run finished
        // (another instance, a test) also sees the account's state.
        Timestamp now = Timestamp.from(clock.instant());
        SyncRun run = jdbc.queryForObject("""
                with account as (
                    update seller_account set last_successful_sync_at = ?, last_error = null, last_error_at = null, updated_at = now()
                     where id = ?
                )
                update sync_run set status = 'SUCCEEDED', finished_at = ? where id = ? returning *
                """, (rs, n) -> map(rs), now, accountId, now, runId);
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
        int status = statusOf(cause);
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
                markFailed(runId, owned, reason, finishedAt, calls, throttled);
            } catch (DataAccessException e) {
                if (!owned) {
                    throw e;
                }
                // Typically the database is unreachable (the very reason the run failed). The run is over: remember its
                // end and write it as soon as the database answers, instead of leaving the account locked until the
                // run is stale (sync.stale-after).
                unrecordedEnds.put(runId, new UnrecordedEnd(reason, finishedAt, calls, throttled));
                retryUnrecordedEnds();
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
        return jdbc.queryForObject("select * from sync_run where id = ?", (rs, n) -> map(rs), runId);
    }

    public List<SyncRun> recent(long accountId, int limit) {
        return jdbc.query("select * from sync_run where account_id = ? order by id desc limit ?", (rs, n) -> map(rs), accountId, limit);
    }

    private static SyncRun map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SyncRun(rs.getLong("id"), rs.getLong("account_id"), SyncTrigger.valueOf(rs.getString("trigger")),
                rs.getString("status"), ts(rs.getTimestamp("window_from")), ts(rs.getTimestamp("window_to")),
                rs.getInt("pages"), rs.getInt("api_calls"), rs.getInt("throttled_responses"), rs.getInt("orders_inserted"),
                rs.getInt("orders_updated"), rs.getString("error"), ts(rs.getTimestamp("started_at")), ts(rs.getTimestamp("finished_at")));
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static int statusOf(Throwable t) {
        return t instanceof HttpOperationFailedException http ? http.getStatusCode() : 0;
    }
}
