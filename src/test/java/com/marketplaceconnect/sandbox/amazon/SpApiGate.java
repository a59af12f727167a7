package com.marketplaceconnect.sandbox.amazon;

import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.util.function.Function;

/**
 * What every SP-API call goes through before its handler: the x-amz-access-token check (403 when missing,
 * unknown or expired), then the usage plan of the operation for that selling partner (429).
 */
final class SpApiGate {

    private final LwaService lwa;
    private final SpApiRateLimiter limiter;

    SpApiGate(LwaService lwa, SpApiRateLimiter limiter) {
        this.lwa = lwa;
        this.limiter = limiter;
    }

    SandboxResponse call(SpApiOperation op, SandboxRequest request, Function<String, SandboxResponse> handler) {
        LwaService.AccessCheck access = lwa.checkAccessToken(request.header("x-amz-access-token"));
        if (!access.ok()) {
            return SpApiResponses.error(null, 403, "Unauthorized", "Access to requested resource is denied.", access.refusal());
        }
        if (!limiter.tryAcquire(op, access.sellingPartnerId())) return SpApiResponses.throttled();
        try {
            return handler.apply(access.sellingPartnerId());
        } catch (SpApiError e) {
            return SpApiResponses.error(op, e);
        }
    }
}
