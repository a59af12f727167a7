package com.marketplaceconnect.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the sandbox received and the status it answered (0 when the connection was closed without a
 * response). {@code query} is decoded; header names are lower-cased.
 */
public record RecordedCall(Instant at, String method, String path, String rawQuery,
                           Map<String, List<String>> query, Map<String, String> headers, String body, int status) {

    public RecordedCall {
        query = query == null ? Map.of() : query;
        headers = headers == null ? Map.of() : headers;
    }

    /** First decoded value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Bodies and headers carry secrets: keep them out of toString. */
    @Override
    public String toString() {
        return "RecordedCall[" + at + " " + method + " " + path + (rawQuery == null ? "" : "?…") + " -> " + status + "]";
    }
}
