package com.marketplaceconnect.sync;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The sync_run table. Its partial unique index (one RUNNING run per account) is the accounts' lock across threads
 * and processes: {@link #insertRunning} throws DuplicateKeyException while another run of the account is live.
 */
@Repository
public class SyncRunRepository {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SyncRunRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A new RUNNING run; throws DuplicateKeyException while the account has one. */
    public long insertRunning(long accountId, SyncTrigger trigger, String owner, Instant now) {
        Timestamp at = Timestamp.from(now);
        return tx.execute(s -> jdbc.queryForObject(
                "insert into sync_run (account_id, trigger, status, owner, started_at, heartbeat_at) values (?, ?, 'RUNNING', ?, ?, ?) returning id",
                Long.class, accountId, trigger.name(), owner, at, at));
    }

    /** Ends as ABANDONED the account's RUNNING run whose heartbeat is older than {@code staleBefore}; how many. */
    public int abandonStale(long accountId, Instant staleBefore) {
        return jdbc.update("""
                update sync_run set status = 'ABANDONED', finished_at = now(),
                       error = 'The process running this sync stopped (no heartbeat since ' || heartbeat_at || ')'
                 where account_id = ? and status = 'RUNNING' and heartbeat_at < ?
                """, accountId, Timestamp.from(staleBefore));
    }

    /**
     * Takes a run the API started, only while it is still RUNNING and nobody has adopted it, in the same statement that
     * renews its heartbeat; false when it is no longer waiting for a worker.
     */
    public boolean adopt(long runId, String owner, Instant now) {
        return jdbc.update("update sync_run set owner = ?, heartbeat_at = ? where id = ? and status = 'RUNNING' and owner is null",
                owner, Timestamp.from(now), runId) == 1;
    }

    /**
     * Ends a RUNNING run as FAILED; 0 when it is no longer RUNNING (finished, or taken over as stale). A run this worker
     * did not adopt is ended only while no other worker has adopted it.
     */
    public int markFailed(long runId, boolean owned, String reason, Timestamp finishedAt, int calls, int throttled) {
        return jdbc.update("""
                update sync_run set status = 'FAILED', error = ?, finished_at = ?, api_calls = api_calls + ?,
                       throttled_responses = throttled_responses + ?
                 where id = ? and status = 'RUNNING' and (? or owner is null)
                """, reason, finishedAt, calls, throttled, runId, owned);
    }

    public void abort(long runId, String reason, Instant now) {
        jdbc.update("update sync_run set status = 'FAILED', error = ?, finished_at = ? where id = ? and status = 'RUNNING'",
                reason, Timestamp.from(now), runId);
    }

    public void recordWindow(long runId, Instant from, Instant to) {
        jdbc.update("update sync_run set window_from = ?, window_to = ? where id = ?", Timestamp.from(from), Timestamp.from(to), runId);
    }

    /** Counts of stored pages, and the heartbeat that keeps the lock. */
    public void recordPages(long runId, int pages, int calls, int throttled, int inserted, int updated, Instant now) {
        jdbc.update("""
                update sync_run set pages = pages + ?, api_calls = api_calls + ?, throttled_responses = throttled_responses + ?,
                       orders_inserted = orders_inserted + ?, orders_updated = orders_updated + ?, heartbeat_at = ?
                 where id = ?
                """, pages, calls, throttled, inserted, updated, Timestamp.from(now), runId);
    }

    /**
     * Ends the run SUCCEEDED and records the account's successful sync in one statement: whoever sees the run finished
     * (another instance, a test) also sees the account's state.
     */
    public SyncRun complete(long runId, long accountId, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.queryForObject("""
                with account as (
                    update seller_account set last_successful_sync_at = ?, last_error = null, last_error_at = null, updated_at = now()
                     where id = ?
                )
                update sync_run set status = 'SUCCEEDED', finished_at = ? where id = ? returning *
                """, (rs, n) -> map(rs), at, accountId, at, runId);
    }

    public SyncRun find(long runId) {
        return jdbc.queryForObject("select * from sync_run where id = ?", (rs, n) -> map(rs), runId);
    }

    public java.util.Optional<SyncRun> findOfAccount(long accountId, long runId) {
        return jdbc.query("select * from sync_run where id = ? and account_id = ?", (rs, n) -> map(rs), runId, accountId)
                .stream().findFirst();
    }

    public List<SyncRun> recent(long accountId, int limit) {
        return jdbc.query("select * from sync_run where account_id = ? order by id desc limit ?", (rs, n) -> map(rs), accountId, limit);
    }

    /** The account's marketplace, for a run whose request did not name it. */
    public String marketplaceOf(long accountId) {
        return jdbc.queryForList("select marketplace from seller_account where id = ?", String.class, accountId)
                .stream().findFirst().orElse(null);
    }

    private static SyncRun map(ResultSet rs) throws SQLException {
        return new SyncRun(rs.getLong("id"), rs.getLong("account_id"), SyncTrigger.valueOf(rs.getString("trigger")),
                rs.getString("status"), ts(rs.getTimestamp("window_from")), ts(rs.getTimestamp("window_to")),
                rs.getInt("pages"), rs.getInt("api_calls"), rs.getInt("throttled_responses"), rs.getInt("orders_inserted"),
                rs.getInt("orders_updated"), rs.getString("error"), ts(rs.getTimestamp("started_at")), ts(rs.getTimestamp("finished_at")));
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
