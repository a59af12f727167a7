package com.marketplaceconnect.sync;

/** No such sync run of the account: answered 404. */
public class SyncRunNotFoundException extends RuntimeException {
    public SyncRunNotFoundException(long accountId, long runId) {
        super("Account " + accountId + " has no sync run " + runId);
    }
}
