package com.marketplaceconnect.connectors;

/** What a failed marketplace call means for the flow that made it (MarketplaceConnector.classify). */
public enum FailureKind {
    /** Transient (429, 5xx, timeouts, I/O, broken JSON): retried with backoff, the run or row fails only at the end. */
    RETRY,
    /** The access token was refused: one retry at once with a new token; refused again = REAUTH. */
    RENEW_TOKEN,
    /** The seller's authorization no longer works: the account becomes NEEDS_REAUTH and stops syncing. */
    REAUTH,
    /** The request itself is wrong (a 4xx on it): never retried, failed with the marketplace's message. */
    PERMANENT
}
