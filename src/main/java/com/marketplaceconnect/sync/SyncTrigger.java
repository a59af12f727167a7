package com.marketplaceconnect.sync;

public enum SyncTrigger {
    SCHEDULED, MANUAL
}
