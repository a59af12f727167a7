package com.marketplaceconnect.sync;

/** Exchange properties the sync routes share; properties, not headers, so none of them reaches a marketplace. */
public final class SyncProperties {
    public static final String ACCOUNT_ID = "accountId";
    public static final String TRIGGER = "syncTrigger";
    public static final String RUN_ID = "syncRunId";
    /** true once this worker started or adopted the run (SyncRuns.begin): the run is this worker's to end. */
    public static final String RUN_OWNED = "syncRunOwned";
    public static final String API_CALLS = "syncApiCalls";
    public static final String THROTTLED = "syncThrottled";
    /** Pages fetched whose calls are not yet recorded (several when pages are stored together); absent = one. */
    public static final String PAGES = "syncPages";
    public static final String PAGE_INSERTED = "pageInserted";
    public static final String PAGE_UPDATED = "pageUpdated";
    /** The account's marketplace (AMAZON, FLIPKART …): a metrics tag and a logging key. */
    public static final String MARKETPLACE = "marketplace";
    /** The run's correlation id in the logs (the API request's, when the API started the run). */
    public static final String CORRELATION_ID = "correlationId";
    /** System.nanoTime() when the run's route began: the run's duration in logs and metrics. */
    public static final String STARTED_NANOS = "syncStartedNanos";

    private SyncProperties() {
    }
}
