package com.marketplaceconnect.accounts;

public enum AccountStatus {
    /** Credentials work; the account is synced. */
    CONNECTED,
    /** The marketplace refused the stored authorization (revoked, expired): the seller must connect again. */
    NEEDS_REAUTH,
    /** The seller disconnected: credentials erased, orders kept. */
    DISCONNECTED,
    /** Something other than authorization keeps the account from syncing; see the reason. */
    ERROR
}
