package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.connectors.ReturnUrls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.OAuthStates;
import com.marketplaceconnect.accounts.OAuthStates.PendingAuthorization;
import com.marketplaceconnect.sync.SyncErrors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Connecting a WooCommerce store, two ways. By keys (WooCommerce → Settings → Advanced → REST API): the URL is checked
 * (https, public addresses only), the keys are tried with one authenticated list call and one write probe, and only
 * then saved. One-click: the store's {@code wc-auth/v1/authorize} page, whose Approve makes the store create keys and
 * POST them to our callback with {@code user_id} = a one-time state; the same checks follow. Either way the keys and a
 * new random webhook secret are sealed with the account, and the store's order webhooks are (re)created.
 */
@Service
public class WooCommerceAccounts {
    public static final String REGION = "WC";
    private static final Logger log = LoggerFactory.getLogger(WooCommerceAccounts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountRepository accounts;
    private final WooCommerceStores stores;
    private final WooCommerceStoreUrls urls;
    private final OAuthStates states;
    private final WooCommerceProperties properties;
    private final ProducerTemplate producer;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public WooCommerceAccounts(AccountRepository accounts, WooCommerceStores stores, WooCommerceStoreUrls urls, OAuthStates states,
                               WooCommerceProperties properties, ProducerTemplate producer) {
        this.accounts = accounts;
        this.stores = stores;
        this.urls = urls;
        this.states = states;
        this.properties = properties;
        this.producer = producer;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(properties.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // --- by keys ------------------------------------------------------------------------------------------------

    public long connectWithKeys(String storeUrl, String consumerKey, String consumerSecret, String sellerReference) {
        String url = urls.check(storeUrl);
        String key = required("consumerKey", consumerKey);
        String secret = required("consumerSecret", consumerSecret);
        tryKeys(url, key, secret);
        return save(url, key, secret, sellerReference);
    }

    /**
     * One list call (proves the URL is a WooCommerce store and the keys read) and one write probe: POST /webhooks with
     * an empty body, which a key with write permission gets a 400 for (missing topic) and a read-only key a 401.
     */
    void tryKeys(String url, String key, String secret) {
        Answer list = call("GET", url + "/wp-json/wc/v3/orders?per_page=1", key, secret, null);
        if (list.status == 401 || list.status == 403) {
            String field = list.message().toLowerCase().contains("secret") ? "consumerSecret" : "consumerKey";
            throw new InvalidRequestException(field, "WooCommerce refused the keys: " + list.message(), 422);
        }
        if (list.status == 404) {
            throw new InvalidRequestException("storeUrl", "no WooCommerce REST API at " + url + "/wp-json/wc/v3 (HTTP 404"
                    + (list.code() == null ? "" : ", " + list.code()) + "): is WooCommerce installed, and are pretty permalinks on?", 422);
        }
        if (list.status != 200 || list.json == null || !list.json.isArray() || list.totalHeader == null) {
            throw new InvalidRequestException("storeUrl", url + " answered HTTP " + list.status
                    + " without a WooCommerce orders list: it is not a WooCommerce store (or a proxy is in the way)", 422);
        }
        Answer write = call("POST", url + "/wp-json/wc/v3/webhooks", key, secret, "{}");
        if (write.status == 401 || write.status == 403) {
            throw new InvalidRequestException("consumerKey", "the key may read but not write (" + write.message()
                    + "): create it with Read/Write permission; webhooks and tracking need it", 422);
        }
    }

    private record Answer(int status, JsonNode json, String totalHeader) {
        String message() {
            return json == null ? "HTTP " + status : json.path("message").asText("HTTP " + status);
        }

        String code() {
            return json == null ? null : json.path("code").asText(null);
        }
    }

    private Answer call(String method, String url, String key, String secret, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(properties.requestTimeoutMs()))
                .header("Authorization", WooCommerceAuth.basic(key, secret))
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InvalidRequestException("storeUrl", "the store could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 422);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while testing the WooCommerce store");
        }
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(response.statusCode(), json, response.headers().firstValue("X-WP-Total").orElse(null));
    }

    /** Saves the account (keys and a new webhook secret, sealed) and (re)creates the store's webhooks. */
    long save(String url, String key, String secret, String sellerReference) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("storeUrl", url);
        credentials.put("consumerKey", key);
        credentials.put("consumerSecret", secret);
        credentials.put("webhookSecret", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        long id = accounts.connect(WooCommerceConnector.MARKETPLACE, REGION, url, sellerReference, credentials,
                Map.of(WooCommerceOrderMapper.MARKETPLACE_CODE, WooCommerceOrderMapper.MARKETPLACE_CODE));
        stores.save(id, url, credentials);
        Exchange result = producer.send("direct:woocommerce-ensure-webhooks", e -> {
            e.setProperty("accountId", id);
            e.setProperty("marketplace", WooCommerceConnector.MARKETPLACE);
            e.setProperty("wooReplaceWebhooks", true);
        });
        if (result.getException() != null) {
            String reason = "The store's webhooks could not be created (" + SyncErrors.describe(result.getException())
                    + "): orders arrive by the reconciliation every 15 minutes, which tries to create them again";
            accounts.recordError(id, reason);
            log.warn("WooCommerce account {}: {}", id, reason);
        } else {
            log.info("WooCommerce store {} connected as account {} (webhooks {})", url, id, stores.webhooks(id));
        }
        return id;
    }

    // --- one-click ------------------------------------------------------------------------------------------------

    public record Authorize(String authorizeUrl, java.time.Instant expiresAt) {
    }

    /** The store's authorize URL for this seller; user_id carries a one-time state. */
    public Authorize start(String storeUrl, String sellerReference, String returnUrl, String requestBaseUrl) {
        String url = urls.check(storeUrl);
        String checkedReturn = returnUrl == null || returnUrl.isBlank() ? null : allowedReturnUrl(returnUrl.trim(), requestBaseUrl);
        String base = properties.connectBaseUrl() == null || properties.connectBaseUrl().isBlank()
                ? requestBaseUrl : properties.connectBaseUrl().replaceAll("/+$", "");
        String callback = base + "/connect/woocommerce/callback";
        // The store URL goes where the state's marketplace code would: the callback connects exactly that store.
        OAuthStates.IssuedState issued = states.issue(new PendingAuthorization(WooCommerceConnector.MARKETPLACE, REGION, url,
                sellerReference, callback, checkedReturn), properties.stateTtl());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_name", properties.appName());
        query.put("scope", "read_write");
        query.put("user_id", issued.state());
        query.put("return_url", base + "/connect/woocommerce/return");
        query.put("callback_url", callback);
        String authorize = url + "/wc-auth/v1/authorize?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        log.info("WooCommerce one-click connect started for {} (seller reference {}, state expires {})", url,
                sellerReference == null ? "-" : sellerReference, issued.expiresAt());
        return new Authorize(authorize, issued.expiresAt());
    }

    /**
     * The store's POST of the keys. The state (user_id) is used up here: unknown, used or expired → refused and nothing
     * saved (the store then deletes the key it made). Returns the account id.
     */
    public long callback(String body) {
        JsonNode data;
        try {
            data = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "is not the JSON WooCommerce sends ({key_id, user_id, consumer_key, consumer_secret, key_permissions})");
        }
        if (data == null || !data.isObject()) {
            throw new InvalidRequestException("body", "is not the JSON WooCommerce sends");
        }
        String state = data.path("user_id").asText("");
        Optional<PendingAuthorization> pending = states.consume(state);
        if (pending.isEmpty() || !WooCommerceConnector.MARKETPLACE.equals(pending.get().marketplace())) {
            throw new InvalidRequestException("user_id", "unknown, expired or already used authorization: start connecting again");
        }
        String url = pending.get().marketplaceCode();
        try {
            String key = required("consumer_key", data.path("consumer_key").asText(null));
            String secret = required("consumer_secret", data.path("consumer_secret").asText(null));
            if (!"read_write".equals(data.path("key_permissions").asText())) {
                throw new InvalidRequestException("key_permissions", "must be read_write (was " + data.path("key_permissions").asText() + ")", 422);
            }
            urls.check(url);
            tryKeys(url, key, secret);
            long id = save(url, key, secret, pending.get().sellerReference());
            stores.recordConnect(state, id, null, pending.get().returnUrl());
            return id;
        } catch (RuntimeException e) {
            stores.recordConnect(state, null, e.getMessage(), pending.get().returnUrl());
            throw e;
        }
    }

    /** Where the seller's browser goes after the store's redirect: the returnUrl with the outcome, or null (plain page). */
    public record Returned(Long accountId, String error, String returnUrl) {
    }

    public Returned returned(String state, boolean success) {
        Optional<WooCommerceStores.ConnectOutcome> outcome = stores.connectOutcome(state);
        if (outcome.isPresent()) {
            return new Returned(outcome.get().accountId(), outcome.get().error(), outcome.get().returnUrl());
        }
        // Denied (success=0) or the callback never came: the state is used up here so it cannot be used later.
        Optional<PendingAuthorization> pending = states.consume(state);
        return new Returned(null, success ? "The store did not send the keys: try again" : "Access was denied on the store",
                pending.map(PendingAuthorization::returnUrl).orElse(null));
    }

    private String allowedReturnUrl(String returnUrl, String requestBaseUrl) {
        if (ReturnUrls.allowed(returnUrl, properties.allowedReturnUrls(), requestBaseUrl)) {
            return returnUrl;
        }
        throw new InvalidRequestException("returnUrl", "must be an http(s) URL under one of woocommerce.allowed-return-urls, or a page of this service's /app/");
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        return value.trim();
    }
}
