package com.marketplaceconnect.sync;

public class SyncAlreadyRunningException extends RuntimeException {
    public SyncAlreadyRunningException(long accountId) {
        super("A sync is already running for account " + accountId);
    }
}
