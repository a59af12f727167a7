package com.marketplaceconnect.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject for requests whose path starts with {@code pathPrefix} (and whose method is {@code method},
 * or any method when null). {@code times} is how many requests it hits (-1 = every matching request);
 * {@code probability} the chance it hits a matching request. {@code status} and {@code body} are the answer of a
 * {@link FaultKind#CUSTOM_BODY} rule (0 and null otherwise).
 */
public record FaultRule(String method, String pathPrefix, FaultKind kind, int times, double probability, Duration delay,
                        int skipFirst, int status, String body) {

    public FaultRule(String method, String pathPrefix, FaultKind kind, int times, double probability, Duration delay) {
        this(method, pathPrefix, kind, times, probability, delay, 0);
    }

    public FaultRule(String method, String pathPrefix, FaultKind kind, int times, double probability, Duration delay,
                     int skipFirst) {
        this(method, pathPrefix, kind, times, probability, delay, skipFirst, 0, null);
    }

    public FaultRule {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(kind, "kind");
        if (times == 0 || times < -1) throw new IllegalArgumentException("times must be positive or -1 (every time)");
        if (!(probability > 0.0 && probability <= 1.0)) throw new IllegalArgumentException("probability must be in (0, 1]");
        if (delay == null) delay = Duration.ZERO;
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        if (kind == FaultKind.SLOW && delay.isZero()) throw new IllegalArgumentException("a SLOW fault needs a delay");
        if (skipFirst < 0) throw new IllegalArgumentException("skipFirst must not be negative");
        if (kind == FaultKind.CUSTOM_BODY && (status < 100 || status > 599 || body == null))
            throw new IllegalArgumentException("a CUSTOM_BODY fault needs an HTTP status and a body");
    }

    /** The same rule, letting the first {@code n} matching requests through untouched (a failure half-way). */
    public FaultRule afterMatching(int n) {
        return new FaultRule(method, pathPrefix, kind, times, probability, delay, n, status, body);
    }

    /** A 500, 503 or 429 answer for the next {@code times} matching requests. */
    public static FaultRule status(String pathPrefix, int httpStatus, int times) {
        FaultKind kind = switch (httpStatus) {
            case 500 -> FaultKind.HTTP_500;
            case 503 -> FaultKind.HTTP_503;
            case 429 -> FaultKind.THROTTLE_429;
            default -> throw new IllegalArgumentException("supported fault statuses are 500, 503 and 429, not " + httpStatus);
        };
        return new FaultRule(null, pathPrefix, kind, times, 1.0, Duration.ZERO);
    }

    /**
     * Answers the next matching request with this status and JSON body instead of the real answer: a response that
     * breaks the marketplace's contract (missing fields, unknown enum values, an empty page with a next token ...).
     */
    public static FaultRule body(String pathPrefix, int httpStatus, String json) {
        return new FaultRule(null, pathPrefix, FaultKind.CUSTOM_BODY, 1, 1.0, Duration.ZERO, 0, httpStatus, json);
    }

    public static FaultRule malformedJson(String pathPrefix, int times) {
        return new FaultRule(null, pathPrefix, FaultKind.MALFORMED_JSON, times, 1.0, Duration.ZERO);
    }

    public static FaultRule slow(String pathPrefix, Duration delay, int times) {
        return new FaultRule(null, pathPrefix, FaultKind.SLOW, times, 1.0, delay);
    }

    public static FaultRule throttle(String pathPrefix, int times) {
        return new FaultRule(null, pathPrefix, FaultKind.THROTTLE_429, times, 1.0, Duration.ZERO);
    }

    public static FaultRule closeConnection(String pathPrefix, int times) {
        return new FaultRule(null, pathPrefix, FaultKind.CLOSE_CONNECTION, times, 1.0, Duration.ZERO);
    }

    /** Hits every matching request with the given probability; a SLOW fault made this way waits one second. */
    public static FaultRule randomly(String pathPrefix, FaultKind kind, double probability) {
        return new FaultRule(null, pathPrefix, kind, -1, probability,
                kind == FaultKind.SLOW ? Duration.ofSeconds(1) : Duration.ZERO);
    }

    /** The same rule, limited to one HTTP method. */
    public FaultRule withMethod(String method) {
        return new FaultRule(method, pathPrefix, kind, times, probability, delay, skipFirst, status, body);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod)) && path.startsWith(pathPrefix);
    }
}
