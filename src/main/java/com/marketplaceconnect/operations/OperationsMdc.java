package com.marketplaceconnect.operations;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The logging context of one unit of work: which request or run a log line belongs to. The console pattern shows
 * these keys (logback.xml, %opsMdc); every log line of a sync run carries them, whichever thread writes it.
 * <ul>
 *   <li>{@code correlationId}: one id per HTTP request (X-Correlation-Id, or generated) and per sync run or push;
 *       a sync started by the API keeps the id of the request that started it.</li>
 *   <li>{@code accountId}, {@code marketplace}: the seller account worked on.</li>
 *   <li>{@code syncRunId}: the sync_run row.</li>
 * </ul>
 * Values come from exchange properties of the same names (set by {@code SyncRuns.begin}); Camel's MDC service
 * (camel-mdc, config/application.yaml camel.mdc.*) puts them in the MDC around every route step. Code outside Camel
 * (a push) uses {@link #open}.
 */
public final class OperationsMdc {
    public static final String CORRELATION_ID = "correlationId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String MARKETPLACE = "marketplace";
    public static final String SYNC_RUN_ID = "syncRunId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private OperationsMdc() {
    }

    /** A new correlation id: 16 hex characters, short enough to read and grep. */
    public static String newCorrelationId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A caller-supplied id if it is harmless to log (letters, digits, . _ : -, at most 64), else null. */
    public static String sanitize(String candidate) {
        return candidate != null && SAFE_ID.matcher(candidate).matches() ? candidate : null;
    }

    /** The correlation id of the current thread's work, or null. */
    public static String currentCorrelationId() {
        return MDC.get(CORRELATION_ID);
    }

    private static void restore(Map<String, String> previous) {
        if (previous == null) {
            return;
        }
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /**
     * Sets the logging context for work done outside a sync route (a tracking push, a dead-letter replay) until the
     * returned scope is closed; previous values come back then. Null arguments are left out.
     * <pre>{@code try (var scope = OperationsMdc.open(correlationId, accountId, "AMAZON")) { ... }}</pre>
     */
    public static Scope open(String correlationId, Long accountId, String marketplace) {
        Map<String, String> previous = new HashMap<>(4);
        put(previous, CORRELATION_ID, correlationId == null ? newCorrelationId() : correlationId);
        put(previous, ACCOUNT_ID, accountId == null ? null : accountId.toString());
        put(previous, MARKETPLACE, marketplace);
        return () -> restore(previous);
    }

    private static void put(Map<String, String> previous, String key, String value) {
        if (value != null) {
            previous.put(key, MDC.get(key));
            MDC.put(key, value);
        }
    }

    /** A logging context that ends when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
