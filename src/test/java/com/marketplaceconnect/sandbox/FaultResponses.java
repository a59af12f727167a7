package com.marketplaceconnect.sandbox;

import com.marketplaceconnect.sandbox.http.SandboxResponse;

/** The answers an injected fault gives. */
final class FaultResponses {

    static final String QUOTA_EXCEEDED =
            "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\",\"details\":\"\"}]}";

    private FaultResponses() {
    }

    /** The fault's response, or null when the request should then be handled normally (SLOW). */
    static SandboxResponse apply(FaultRule rule, String path) {
        return switch (rule.kind()) {
            case HTTP_500 -> internalError();
            case HTTP_503 -> SandboxResponse.json(503,
                    "{\"errors\":[{\"code\":\"ServiceUnavailable\",\"message\":\"Service temporarily unavailable. Please try again later.\",\"details\":\"\"}]}");
            case THROTTLE_429 -> SandboxResponse.json(429, QUOTA_EXCEEDED);
            case MALFORMED_JSON -> SandboxResponse.json(200, truncatedBody(path));
            case CLOSE_CONNECTION -> SandboxResponse.dropConnection();
            case CUSTOM_BODY -> SandboxResponse.json(rule.status(), rule.body());
            case SLOW -> {
                sleep(rule);
                yield null;
            }
        };
    }

    static SandboxResponse internalError() {
        return SandboxResponse.json(500,
                "{\"errors\":[{\"code\":\"InternalFailure\",\"message\":\"We encountered an internal error. Please try again.\",\"details\":\"\"}]}");
    }

    private static String truncatedBody(String path) {
        if (path.startsWith("/auth/")) return "{\"access_token\":\"Atza|IwEBIA";
        if (path.startsWith("/orders/")) return "{\"orders\":[{\"orderId\":\"402-1234567-12";
        if (path.startsWith("/oauth-service/")) return "{\"access_token\":\"3f2a";
        if (path.startsWith("/sellers/")) return "{\"hasMore\":true,\"shipments\":[{\"shipmentId\":\"7e1";
        return "{\"errors\":[{\"code\":";
    }

    private static void sleep(FaultRule rule) {
        try {
            Thread.sleep(rule.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
