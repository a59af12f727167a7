package com.marketplaceconnect.sync;

/** A manual sync could be handed neither to the sync-requests topic nor to this instance's workers: the API answers 503. */
public class SyncNotQueuedException extends RuntimeException {
    public SyncNotQueuedException(String message, Throwable cause) {
        super(message, cause);
    }
}
