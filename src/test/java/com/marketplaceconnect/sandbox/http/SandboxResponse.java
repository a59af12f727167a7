package com.marketplaceconnect.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write. {@code closeConnection} drops the connection instead of answering. */
public final class SandboxResponse {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final boolean closeConnection;

    private SandboxResponse(int status, byte[] body, boolean closeConnection) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        this.closeConnection = closeConnection;
    }

    public static SandboxResponse json(int status, String json) {
        return new SandboxResponse(status, json.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Type", "application/json");
    }

    public static SandboxResponse html(int status, String html) {
        return new SandboxResponse(status, html.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Type", "text/html; charset=UTF-8");
    }

    public static SandboxResponse text(int status, String text) {
        return new SandboxResponse(status, text.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Type", "text/plain; charset=UTF-8");
    }

    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, false);
    }

    public static SandboxResponse redirect(String location) {
        return empty(302).header("Location", location);
    }

    public static SandboxResponse dropConnection() {
        return new SandboxResponse(0, null, true);
    }

    public SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public boolean closeConnection() {
        return closeConnection;
    }
}
