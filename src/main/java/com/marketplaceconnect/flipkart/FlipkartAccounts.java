package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.InvalidRequestException;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Connects Flipkart sellers by their self-access application (id and secret from Seller Dashboard → Manage apps).
 * The credentials are tried before anything is saved: a client-credentials token, then one shipments search with
 * it. Only then are they stored, sealed, with the account CONNECTED for marketplace IN.
 */
@Service
public class FlipkartAccounts {
    static final String REGION = "IN";

    private final AccountRepository accounts;
    private final FlipkartTokens tokens;
    private final FlipkartProperties properties;
    private final HttpClient http;

    public FlipkartAccounts(AccountRepository accounts, FlipkartTokens tokens, FlipkartProperties properties) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(properties.api().connectTimeoutMs())).build();
    }

    public long connect(String sellerId, String applicationId, String applicationSecret, String sellerReference) {
        String seller = required("sellerId", sellerId);
        String appId = required("applicationId", applicationId);
        String secret = required("applicationSecret", applicationSecret);
        FlipkartTokens.Token token;
        try {
            token = tokens.clientCredentials(appId, secret);
        } catch (FlipkartAuthException e) {
            throw new InvalidRequestException(e.unknownApplication() ? "applicationId" : "applicationSecret",
                    "Flipkart refused the application credentials: " + e.description(), 422);
        } catch (IOException e) {
            throw new IllegalStateException("Flipkart's token service is unreachable, try again: " + e.getMessage());
        }
        trySearch(token);
        long id = accounts.connect(FlipkartConnector.MARKETPLACE, REGION, seller, sellerReference,
                Map.of("appId", appId, "appSecret", secret), Map.of("IN", "IN"));
        tokens.evict(id);
        tokens.remember(id, token);
        return id;
    }

    /** One pre-dispatch search of one shipment: proves the token may call the Orders API. */
    private void trySearch(FlipkartTokens.Token token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.api().baseUrl() + "/v3/shipments/filter"))
                .timeout(Duration.ofMillis(properties.api().orderTimeoutMs()))
                .header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"filter\":{\"type\":\"preDispatch\",\"states\":[\"APPROVED\"]},\"pagination\":{\"pageSize\":1}}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The Flipkart Seller API is unreachable, try again: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while testing the Flipkart connection");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new InvalidRequestException("applicationId", "Flipkart issued a token but refused a shipments search with it (HTTP "
                    + status + "): the application needs access to the Orders API", 422);
        }
        if (status != 200) {
            throw new IllegalStateException("Flipkart answered the test shipments search with HTTP " + status + ", try again");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        return value.trim();
    }
}
