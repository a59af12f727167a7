package com.marketplaceconnect.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.operations.OperationsMetrics;

/**
 * Shopify's token endpoint, {@code POST https://{shop}/admin/oauth/access_token} (JSON): the authorization code
 * exchange (asking for an expiring offline token), the refresh_token grant (the refresh token rotates) and the
 * token-exchange grant that migrates a non-expiring offline token. Nothing here logs a code or a token.
 */
@Component
public class ShopifyTokenEndpoint {
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

    private final ShopifyProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private OperationsMetrics metrics;

    public ShopifyTokenEndpoint(ShopifyProperties properties) {
        this.properties = properties;
    }

    @Autowired(required = false)
    void setMetrics(OperationsMetrics metrics) {
        this.metrics = metrics;
    }

    /** What the endpoint granted. Expiry times are null for a non-expiring token. */
    public record Grant(String accessToken, String scope, Instant accessTokenExpiresAt, String refreshToken,
                        Instant refreshTokenExpiresAt) {
        public Map<String, String> credentials() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("accessToken", accessToken);
            if (scope != null) c.put("scope", scope);
            if (accessTokenExpiresAt != null) c.put("accessTokenExpiresAt", accessTokenExpiresAt.toString());
            if (refreshToken != null) c.put("refreshToken", refreshToken);
            if (refreshTokenExpiresAt != null) c.put("refreshTokenExpiresAt", refreshTokenExpiresAt.toString());
            return c;
        }

        @Override
        public String toString() {
            return "Grant[scope=" + scope + ", expiresAt=" + accessTokenExpiresAt + "]";
        }
    }

    public Grant exchangeCode(String shop, String code, Instant now) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("expiring", "1");
        return call(shop, body, now, "authorizationCode");
    }

    public Grant refresh(String shop, String refreshToken, Instant now) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        return call(shop, body, now, "refreshToken");
    }

    /** Migrates a non-expiring offline token to an expiring one (the old token stops working). */
    public Grant migrate(String shop, String offlineToken, Instant now) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", TOKEN_EXCHANGE);
        body.put("subject_token", offlineToken);
        body.put("subject_token_type", OFFLINE_TOKEN_TYPE);
        body.put("requested_token_type", OFFLINE_TOKEN_TYPE);
        body.put("expiring", "1");
        return call(shop, body, now, "tokenExchange");
    }

    private Grant call(String shop, Map<String, Object> grant, Instant now, String operation) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", properties.clientId());
        body.put("client_secret", properties.clientSecret());
        body.putAll(grant);
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.shopUrl(shop) + "/admin/oauth/access_token"))
                .timeout(Duration.ofMillis(properties.timeoutMs()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling Shopify's token endpoint");
        } catch (IOException e) {
            count(operation, 0, started);
            throw e;
        }
        count(operation, response.statusCode(), started);
        JsonNode node = parse(response.body());
        if (response.statusCode() == 200 && node.hasNonNull("access_token")) {
            Instant expiresAt = node.hasNonNull("expires_in") ? now.plusSeconds(node.get("expires_in").asLong()) : null;
            Instant refreshExpiresAt = node.hasNonNull("refresh_token_expires_in")
                    ? now.plusSeconds(node.get("refresh_token_expires_in").asLong()) : null;
            return new Grant(node.get("access_token").asText(), node.path("scope").asText(null), expiresAt,
                    node.path("refresh_token").asText(null), refreshExpiresAt);
        }
        if (response.statusCode() == 429 || response.statusCode() >= 500) {
            throw new IOException("Shopify's token endpoint answered HTTP " + response.statusCode());
        }
        String error = node.path("error").asText("http_" + response.statusCode());
        String description = node.path("error_description").asText("");
        throw new ShopifyOAuthException(response.statusCode(), error,
                "Shopify refused the " + operation + " grant (" + error + (description.isEmpty() ? "" : ": " + description) + ")");
    }

    private void count(String operation, int status, long started) {
        if (metrics != null) {
            metrics.apiCall(ShopifyConnector.MARKETPLACE, operation, status, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
