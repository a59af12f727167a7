package com.marketplaceconnect.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs that ended on this instance while the database could not take their end (it was unreachable: often the very
 * reason they failed). They are marked FAILED as soon as it answers again — by the sync-run-ends route every few
 * seconds, and before every run this instance starts or adopts — so their accounts are not locked until stale.
 */
@Component("unrecordedRunEnds")
public class UnrecordedRunEnds {
    private static final Logger log = LoggerFactory.getLogger(UnrecordedRunEnds.class);

    record End(String reason, Timestamp finishedAt, int calls, int throttled) {
    }

    private final SyncRunRepository runs;
    private final Map<Long, End> ends = new ConcurrentHashMap<>();

    public UnrecordedRunEnds(SyncRunRepository runs) {
        this.runs = runs;
    }

    void remember(long runId, End end) {
        ends.put(runId, end);
    }

    /** How many wait to be written (a route predicate). */
    public int pending() {
        return ends.size();
    }

    /**
     * Marks the remembered runs FAILED (their worker is done: nobody else can be working on them, since a run with an
     * owner is never adopted). Throws while the database still does not answer; what is left is tried again.
     */
    public void record() {
        for (Map.Entry<Long, End> entry : ends.entrySet()) {
            End end = entry.getValue();
            int marked = runs.markFailed(entry.getKey(), true, end.reason(), end.finishedAt(), end.calls(), end.throttled());
            ends.remove(entry.getKey());
            if (marked > 0) {
                log.info("Sync run {} marked FAILED now that the database answers again: {}", entry.getKey(), end.reason());
            }
        }
    }
}
