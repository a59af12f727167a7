package com.marketplaceconnect.sync;

/** A manual sync could not be handed to the sync-requests topic (Kafka unreachable): the API answers 503. */
public class SyncNotQueuedException extends RuntimeException {
    public SyncNotQueuedException(String message, Throwable cause) {
        super(message, cause);
    }
}
