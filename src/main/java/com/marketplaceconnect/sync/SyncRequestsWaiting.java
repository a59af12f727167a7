package com.marketplaceconnect.sync;

import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts with a scheduled sync request waiting in this instance's own queue (routes/sync-requests.yaml,
 * sync-request-here): a second one for the same account would only find it busy, so it is not queued.
 */
@Component("syncRequestsWaiting")
public class SyncRequestsWaiting {
    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();

    /** True when the account had none waiting (the request is queued). */
    public boolean add(long accountId) {
        return waiting.add(accountId);
    }

    /** A worker took the account's request off the queue; one carrying a run was never counted as waiting. */
    public void taken(long accountId, Long runId) {
        if (runId == null) {
            waiting.remove(accountId);
        }
    }
}
