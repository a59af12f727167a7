package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.ReauthorizationRequiredException;
import com.marketplaceconnect.connectors.AccessTokenCache;
import io.micrometer.core.instrument.MeterRegistry;
import com.marketplaceconnect.sync.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The token step of every Flipkart call: puts {@code Authorization: Bearer …} on the message. Tokens come from the
 * client-credentials grant with the account's application id and secret, last about 60 days and are cached per
 * account until {@code flipkart.auth.refresh-margin} before they expire. A token Flipkart refuses earlier (401) is
 * evicted by the sync's redelivery step, so the retry gets a new one. Tokens and secrets are never logged.
 */
@Component("flipkartTokens")
public class FlipkartTokens implements Processor {
    private static final Logger log = LoggerFactory.getLogger(FlipkartTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Token(String accessToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Token[expiresIn=" + expiresInSeconds + "]";
        }
    }

    private final FlipkartProperties.Auth properties;
    private final AccountRepository accounts;
    private final HttpClient http;
    private final AccessTokenCache cache;

    public FlipkartTokens(FlipkartProperties properties, AccountRepository accounts, Clock clock) {
        this(properties, accounts, clock, null);
    }

    @Autowired
    public FlipkartTokens(FlipkartProperties properties, AccountRepository accounts, Clock clock,
                          @org.springframework.lang.Nullable MeterRegistry registry) {
        this.properties = properties.auth();
        this.cache = new AccessTokenCache(FlipkartConnector.MARKETPLACE, this.properties.refreshMargin(), clock, registry);
        this.accounts = accounts;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(properties.auth().timeoutMs())).build();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        exchange.getMessage().setHeader("Authorization", "Bearer " + accessToken(accountId));
    }

    /** A valid access token for the account: cached, or from a new client-credentials grant. */
    public String accessToken(long accountId) throws IOException {
        return cache.get(accountId, this::grant);
    }

    private AccessTokenCache.AccessToken grant(long accountId) throws IOException {
        Map<String, String> credentials = accounts.credentials(accountId);
        String appId = credentials.get("appId");
        String appSecret = credentials.get("appSecret");
        if (appId == null || appSecret == null) {
            throw new ReauthorizationRequiredException("Account " + accountId + " has no Flipkart application credentials");
        }
        Token token;
        try {
            token = clientCredentials(appId, appSecret);
        } catch (FlipkartAuthException e) {
            throw new ReauthorizationRequiredException(e.getMessage()
                    + ". The application secret was changed or the app was removed: connect Flipkart again with the current credentials.");
        }
        log.debug("New Flipkart access token for account {} (valid {} s)", accountId, token.expiresInSeconds());
        return new AccessTokenCache.AccessToken(token.accessToken(), Duration.ofSeconds(token.expiresInSeconds()));
    }

    /** Caches a token obtained elsewhere (the connection test), so the first sync needs no new one. */
    public void remember(long accountId, Token token) {
        cache.put(accountId, new AccessTokenCache.AccessToken(token.accessToken(), Duration.ofSeconds(token.expiresInSeconds())));
    }

    /** Forgets the account's token, e.g. after Flipkart answered 401 with it. */
    public void evict(long accountId) {
        cache.evict(accountId);
    }

    /**
     * {@code GET {token-url}?grant_type=client_credentials&scope=Seller_Api} with {@code Authorization: Basic
     * base64(appId:appSecret)}. Throws {@link FlipkartAuthException} when Flipkart refuses the credentials and an
     * IOException for anything worth retrying (429, 5xx, network).
     */
    public Token clientCredentials(String appId, String appSecret) throws IOException {
        String basic = Base64.getEncoder().encodeToString((appId + ":" + appSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenUrl() + "?grant_type=client_credentials&scope=Seller_Api"))
                .timeout(Duration.ofMillis(properties.timeoutMs()))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the Flipkart token endpoint");
        }
        JsonNode node = parse(response.body());
        if (response.statusCode() == 200 && node.hasNonNull("access_token")) {
            return new Token(node.get("access_token").asText(), node.path("expires_in").asLong(3600));
        }
        if (response.statusCode() == 429 || response.statusCode() >= 500 || response.statusCode() == 200) {
            throw new IOException("Flipkart token endpoint answered HTTP " + response.statusCode()
                    + (response.statusCode() == 200 ? " without an access_token" : ""));
        }
        throw new FlipkartAuthException(node.path("error").asText("HTTP " + response.statusCode()),
                node.path("error_description").asText("no description"));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
