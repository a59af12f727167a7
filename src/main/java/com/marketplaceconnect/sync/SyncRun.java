package com.marketplaceconnect.sync;

import java.time.Instant;

/** One sync of one account: what it asked for, what it cost and what it stored. */
public record SyncRun(long id, long accountId, SyncTrigger trigger, String status, Instant windowFrom, Instant windowTo,
                      int pages, int apiCalls, int throttledResponses, int ordersInserted, int ordersUpdated,
                      String error, Instant startedAt, Instant finishedAt) {
}
