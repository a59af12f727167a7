package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.AccountDisconnected;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.ReauthorizationRequiredException;
import com.marketplaceconnect.connectors.AccessTokenCache;
import io.micrometer.core.instrument.MeterRegistry;
import com.marketplaceconnect.operations.OperationsMetrics;
import com.marketplaceconnect.sync.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The token-refresh step: puts a valid LWA access token in the {@code x-amz-access-token} header. Tokens are cached
 * per account until {@code amazon.lwa.refresh-margin} before they expire, so no call goes out with an expired one and
 * a sync of many pages costs one token call an hour. Tokens are never logged.
 */
@Component("lwaTokens")
public class LwaTokens implements Processor {
    public static final String HEADER = "x-amz-access-token";
    private static final Logger log = LoggerFactory.getLogger(LwaTokens.class);

    private final AmazonProperties.Lwa lwa;
    private final AccountRepository accounts;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AccessTokenCache cache;
    private final AtomicReference<String> appCredentialProblem = new AtomicReference<>();
    private OperationsMetrics metrics;

    public LwaTokens(AmazonProperties properties, AccountRepository accounts, Clock clock) {
        this(properties, accounts, clock, null);
    }

    @Autowired
    public LwaTokens(AmazonProperties properties, AccountRepository accounts, Clock clock,
                     @org.springframework.lang.Nullable MeterRegistry registry) {
        this.lwa = properties.lwa();
        this.cache = new AccessTokenCache(AmazonConnector.MARKETPLACE, lwa.refreshMargin(), clock, registry);
        this.accounts = accounts;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Counts token calls as marketplace API calls (AMAZON, lwaToken); absent in unit tests. */
    @Autowired(required = false)
    void setMetrics(OperationsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        exchange.getMessage().setHeader(HEADER, accessToken(accountId));
    }

    /** A valid access token for the account, from the cache or from a refresh_token grant. */
    public String accessToken(long accountId) throws IOException {
        return cache.get(accountId, this::grant);
    }

    private AccessTokenCache.AccessToken grant(long accountId) throws IOException {
        String refreshToken = accounts.credentials(accountId).get("refreshToken");
        if (refreshToken == null) {
            throw new ReauthorizationRequiredException("Account " + accountId + " has no Amazon refresh token");
        }
        TokenResponse token;
        try {
            token = refresh(refreshToken);
        } catch (LwaException e) {
            if ("invalid_grant".equals(e.error())) {
                throw new ReauthorizationRequiredException("Login with Amazon refused the account's refresh token (invalid_grant): "
                        + "the seller revoked the authorization or it expired. The seller must connect Amazon again.");
            }
            throw e;
        }
        log.debug("Refreshed the LWA access token of account {} (valid {} s)", accountId, token.expiresInSeconds());
        return new AccessTokenCache.AccessToken(token.accessToken(), Duration.ofSeconds(token.expiresInSeconds()));
    }

    /** Forgets the cached token, e.g. after the marketplace answered 403 with it. */
    public void evict(long accountId) {
        cache.evict(accountId);
    }

    @EventListener
    void disconnected(AccountDisconnected event) {
        evict(event.accountId());
    }

    public record TokenResponse(String accessToken, String refreshToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresInSeconds + "]";
        }
    }

    public TokenResponse refresh(String refreshToken) throws IOException {
        return grant(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public TokenResponse exchangeAuthorizationCode(String code, String redirectUri) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        if (redirectUri != null) {
            form.put("redirect_uri", redirectUri);
        }
        return grant(form);
    }

    /** Why the app's own LWA credentials were last refused, or null while they work. */
    public String appCredentialProblem() {
        return appCredentialProblem.get();
    }

    private TokenResponse grant(Map<String, String> fields) throws IOException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("client_id", lwa.clientId());
        form.put("client_secret", lwa.clientSecret());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(lwa.tokenUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the LWA token endpoint");
        } catch (IOException e) {
            countCall(0, started);
            throw e;
        }
        countCall(response.statusCode(), started);
        JsonNode node = parse(response.body());
        if (response.statusCode() == 200 && node.hasNonNull("access_token")) {
            appCredentialProblem.set(null);
            return new TokenResponse(node.get("access_token").asText(), node.path("refresh_token").asText(null),
                    node.path("expires_in").asLong(3600));
        }
        if (response.statusCode() == 429 || response.statusCode() >= 500) {
            throw new IOException("LWA token endpoint answered HTTP " + response.statusCode());
        }
        String error = node.path("error").asText("unknown_error");
        String description = node.path("error_description").asText("");
        if ("invalid_client".equals(error)) {
            String problem = "Login with Amazon rejected the app's client credentials (invalid_client: " + description
                    + "): the LWA client secret must be rotated — Amazon requires a new secret every 180 days. "
                    + "Create one in Developer Central and set amazon.lwa.client-secret.";
            appCredentialProblem.set(problem);
            log.error(problem);
            throw new LwaException(error, problem);
        }
        throw new LwaException(error, "Login with Amazon refused the grant (" + error + "): " + description);
    }

    private void countCall(int status, long startedNanos) {
        if (metrics != null) {
            metrics.apiCall("AMAZON", "lwaToken", status, Duration.ofNanos(System.nanoTime() - startedNanos));
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
