package com.marketplaceconnect.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP against a started sandbox, the way a marketplace client would call it. */
public final class SandboxTestClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final MarketplaceSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public SandboxTestClient(MarketplaceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    public HttpResponse<String> refresh(String refreshToken) {
        return postForm("/auth/o2/token", fields("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", SandboxSettings.DEFAULT_CLIENT_ID, "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
    }

    /** A fresh access token for the refresh token. */
    public String accessToken(String refreshToken) {
        HttpResponse<String> r = refresh(refreshToken);
        if (r.statusCode() != 200) throw new AssertionError("token grant failed: " + r.statusCode());
        return json(r).get("access_token").asText();
    }

    /** GET with an already-encoded path and query. */
    public HttpResponse<String> get(String pathAndQuery, String accessToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (accessToken != null) b.header("x-amz-access-token", accessToken);
        return send(b.build());
    }

    public HttpResponse<String> postJson(String path, String accessToken, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) b.header("x-amz-access-token", accessToken);
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create(sandbox.baseUrl() + pathAndQuery);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Query string builder: encodes each value once. */
    public static String query(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) continue;
            sb.append(sb.length() == 0 ? "?" : "&").append(enc(kv[i])).append('=').append(enc(kv[i + 1]));
        }
        return sb.toString();
    }
}
