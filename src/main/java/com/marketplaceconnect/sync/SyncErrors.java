package com.marketplaceconnect.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.http.base.HttpOperationFailedException;

/** Turns what went wrong into one line an operator can act on. Never includes request headers (tokens). */
public final class SyncErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncErrors() {
    }

    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof HttpOperationFailedException http) {
            String path = http.getUri() == null ? "" : http.getUri().replaceFirst("\\?.*$", "");
            return "HTTP " + http.getStatusCode() + " from " + path + marketplaceMessage(http.getResponseBody());
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t.getClass().getSimpleName() + ": " + message;
    }

    private static String marketplaceMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode errors = node.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0); // SP-API {code, message}; Flipkart {severity, code, description}
                return ": " + first.path("code").asText("") + " " + first.path("message").asText(first.path("description").asText(""));
            }
            if (node.has("error")) {
                return ": " + node.path("error").asText() + " " + node.path("error_description").asText("");
            }
        } catch (Exception notJson) {
            // fall through: show the start of the body
        }
        return ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}
