package com.marketplaceconnect.sync;

/** Exchange properties the sync routes share; properties, not headers, so none of them reaches a marketplace. */
public final class SyncProperties {
    public static final String ACCOUNT_ID = "accountId";
    public static final String TRIGGER = "syncTrigger";
    public static final String RUN_ID = "syncRunId";
    public static final String API_CALLS = "syncApiCalls";
    public static final String THROTTLED = "syncThrottled";
    public static final String PAGE_INSERTED = "pageInserted";
    public static final String PAGE_UPDATED = "pageUpdated";

    private SyncProperties() {
    }
}
