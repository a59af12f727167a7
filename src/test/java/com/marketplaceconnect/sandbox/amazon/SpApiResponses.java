package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.util.UUID;

/** SP-API response building: JSON bodies, the errors shape and the x-amzn-* headers. */
final class SpApiResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String QUOTA_EXCEEDED =
            "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\",\"details\":\"\"}]}";

    private SpApiResponses() {
    }

    static SandboxResponse ok(SpApiOperation op, JsonNode body) {
        return withHeaders(SandboxResponse.json(200, write(body)), op, 200);
    }

    /** A body already written as JSON text. */
    static SandboxResponse ok(SpApiOperation op, String json) {
        return withHeaders(SandboxResponse.json(200, json), op, 200);
    }

    static SandboxResponse noContent(SpApiOperation op) {
        return withHeaders(SandboxResponse.empty(204), op, 204);
    }

    static SandboxResponse error(SpApiOperation op, SpApiError e) {
        return error(op, e.status, e.code, e.getMessage(), e.details);
    }

    static SandboxResponse error(SpApiOperation op, int status, String code, String message, String details) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode err = body.putArray("errors").addObject();
        err.put("code", code);
        err.put("message", message);
        if (details != null) err.put("details", details);
        return withHeaders(SandboxResponse.json(status, write(body)), op, status);
    }

    static SandboxResponse throttled() {
        return SandboxResponse.json(429, QUOTA_EXCEEDED).header("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    /** x-amzn-RateLimit-Limit is only sent for 20x, 400 and 404, as Amazon documents. */
    private static SandboxResponse withHeaders(SandboxResponse response, SpApiOperation op, int status) {
        response.header("x-amzn-RequestId", UUID.randomUUID().toString());
        if (op != null && ((status >= 200 && status < 300) || status == 400 || status == 404)) {
            response.header("x-amzn-RateLimit-Limit", op.rateHeader);
        }
        return response;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
