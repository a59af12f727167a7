package com.marketplaceconnect.shopify;

import com.marketplaceconnect.connectors.ReturnUrls;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.OAuthStates;
import com.marketplaceconnect.accounts.OAuthStates.PendingAuthorization;
import com.marketplaceconnect.accounts.SellerAccount;

/**
 * Shopify's authorization code grant for a non-embedded app. The install request (Shopify's admin opens the app URL
 * with {@code shop, timestamp, hmac[, host]}) and the seller page's start both end at Shopify's authorize page with a
 * one-time state (the store of the Amazon flow, bound to the shop). The callback is checked before anything is
 * written: the query's HMAC with the app's client secret, the shop domain, the timestamp's age; then the state is used
 * up (a replay finds it spent), the code exchanged for an expiring offline token, and the shop's account created or
 * reconnected with the tokens sealed; last, the webhook topics are subscribed. Nothing here logs a state, code or token.
 */
@Service
public class ShopifyAuthorization {
    private static final Logger log = LoggerFactory.getLogger(ShopifyAuthorization.class);

    private final ShopifyProperties properties;
    private final OAuthStates states;
    private final ShopifyTokenEndpoint tokenEndpoint;
    private final ShopifyAccounts accounts;
    private final ShopifyWebhookSubscriptions subscriptions;
    private final Clock clock;

    public ShopifyAuthorization(ShopifyProperties properties, OAuthStates states, ShopifyTokenEndpoint tokenEndpoint,
                                ShopifyAccounts accounts, ShopifyWebhookSubscriptions subscriptions, Clock clock) {
        this.properties = properties;
        this.states = states;
        this.tokenEndpoint = tokenEndpoint;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public sealed interface Outcome {
        String returnUrl();
    }

    public record Connected(long accountId, String shop, String returnUrl) implements Outcome {
    }

    public record NotConnected(int httpStatus, String error, String message, String returnUrl) implements Outcome {
    }

    /** Shopify's install request: verified like a callback, then on to the authorize page. */
    public String install(Map<String, String> query, String requestBaseUrl) {
        String shop = ShopifyProperties.normalizeShop(query.get("shop"));
        NotConnected refused = checkSignedQuery(query, shop, null);
        if (refused != null) {
            throw new InvalidRequestException(refused.error().equals("invalid_shop") ? "shop" : "hmac", refused.message());
        }
        return authorizeUrl(shop, null, blankToNull(properties.oauth().returnUrl()), requestBaseUrl);
    }

    /** The seller page's start (ConnectOption): the shop domain, the aggregator's seller and where to return. */
    public String start(String shop, String sellerReference, String returnUrl, String requestBaseUrl) {
        String normalized = ShopifyProperties.normalizeShop(shop);
        if (!ShopifyProperties.validShop(normalized)) {
            throw new InvalidRequestException("shop", "must be the shop's myshopify.com domain, e.g. my-store.myshopify.com");
        }
        String reference = blankToNull(sellerReference);
        if (reference != null && reference.length() > 200) {
            throw new InvalidRequestException("sellerReference", "must be at most 200 characters");
        }
        String target = blank(returnUrl) ? blankToNull(properties.oauth().returnUrl()) : allowedReturnUrl(returnUrl.trim(), requestBaseUrl);
        return authorizeUrl(normalized, reference, target, requestBaseUrl);
    }

    private String authorizeUrl(String shop, String sellerReference, String returnUrl, String requestBaseUrl) {
        String redirectUri = resolve(properties.oauth().redirectUri(), "/connect/shopify/callback", requestBaseUrl);
        OAuthStates.IssuedState issued = states.issue(new PendingAuthorization(ShopifyConnector.MARKETPLACE,
                ShopifyAccounts.REGION, shop, sellerReference, redirectUri, returnUrl), properties.oauth().stateTtl());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", properties.clientId());
        query.put("scope", String.join(",", properties.scopes()));
        query.put("redirect_uri", redirectUri);
        query.put("state", issued.state());
        log.info("Shopify authorization started for shop {} (seller reference {}, state expires {})", shop,
                sellerReference == null ? "-" : sellerReference, issued.expiresAt());
        return properties.shopUrl(shop) + "/admin/oauth/authorize?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Shopify's redirect back. Every check that can refuse it runs before anything is stored. */
    public Outcome callback(Map<String, String> query, String requestBaseUrl) {
        String shop = ShopifyProperties.normalizeShop(query.get("shop"));
        NotConnected refused = checkSignedQuery(query, shop, "code");
        if (refused != null) {
            return refused;
        }
        Optional<PendingAuthorization> consumed = states.consume(query.get("state"));
        if (consumed.isEmpty() || !ShopifyConnector.MARKETPLACE.equals(consumed.get().marketplace())
                || !shop.equals(consumed.get().marketplaceCode())) {
            log.warn("Shopify authorization callback for shop {} refused: the state is unknown, expired, already used or "
                    + "was issued for another shop", shop);
            return new NotConnected(400, "invalid_state", "This authorization request is unknown, expired or was already used. "
                    + "Nothing was saved: start connecting Shopify again.", null);
        }
        PendingAuthorization pending = consumed.get();
        String returnUrl = pending.returnUrl();
        Optional<SellerAccount> existing = accounts.byShop(shop);
        if (existing.isPresent() && existing.get().sellerReference() != null && pending.sellerReference() != null
                && !existing.get().sellerReference().equals(pending.sellerReference())) {
            log.warn("Shopify authorization refused: shop {} is connected as account {} for another seller", shop, existing.get().id());
            return new NotConnected(409, "account_in_use", "This Shopify shop is already connected to another seller. "
                    + "Nothing was saved: it has to be disconnected there first.", returnUrl);
        }
        ShopifyTokenEndpoint.Grant grant;
        try {
            grant = tokenEndpoint.exchangeCode(shop, query.get("code"), clock.instant());
        } catch (ShopifyOAuthException e) {
            log.warn("Shopify authorization of shop {} failed: the code was refused ({})", shop, e.error());
            return new NotConnected(400, safe(e.error()), "Shopify refused the authorization code (" + safe(e.error())
                    + "): it expired or was already used. Nothing was saved: connect Shopify again.", returnUrl);
        } catch (IOException e) {
            log.warn("Shopify authorization of shop {} failed: {}", shop, e.getMessage());
            return new NotConnected(502, "temporarily_unavailable", "Shopify could not be reached. Nothing was saved: "
                    + "connect Shopify again in a moment.", returnUrl);
        }
        long accountId = accounts.connect(shop, pending.sellerReference(), grant.credentials());
        log.info("Shopify shop {} connected as account {} (scopes {}, token expiring {})", shop, accountId, grant.scope(),
                grant.accessTokenExpiresAt() == null ? "never" : grant.accessTokenExpiresAt());
        subscriptions.subscribe(accountId, shop, resolve(properties.webhooks().callbackUrl(), "/webhooks/shopify", requestBaseUrl));
        return new Connected(accountId, shop, returnUrl);
    }

    /** HMAC, shop domain and timestamp of a query Shopify signed; null when it passes. */
    private NotConnected checkSignedQuery(Map<String, String> query, String shop, String required) {
        if (!ShopifyQuerySignature.valid(properties.clientSecret(), query)) {
            log.warn("Shopify request refused: its hmac does not sign the query with the app's client secret");
            return new NotConnected(400, "invalid_hmac", "The request's signature (hmac) is not valid. Nothing was saved.", null);
        }
        if (!ShopifyProperties.validShop(shop)) {
            log.warn("Shopify request refused: shop is not a myshopify.com domain");
            return new NotConnected(400, "invalid_shop", "The shop parameter is not a myshopify.com shop domain. Nothing was saved.", null);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(query.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return new NotConnected(400, "invalid_timestamp", "The request has no valid timestamp. Nothing was saved.", null);
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs();
        if (age.compareTo(properties.oauth().timestampSkew()) > 0) {
            log.warn("Shopify request for shop {} refused: its timestamp is {} s away from now", shop, age.toSeconds());
            return new NotConnected(400, "stale_request", "The request is too old (timestamp). Nothing was saved: start again.", null);
        }
        if (required != null && blank(query.get(required))) {
            return new NotConnected(400, "invalid_request", "The request lacks " + required + ". Nothing was saved.", null);
        }
        return null;
    }

    public static String redirectTarget(Outcome outcome) {
        Map<String, String> params = new LinkedHashMap<>();
        if (outcome instanceof Connected c) {
            params.put("accountId", String.valueOf(c.accountId()));
            params.put("status", "CONNECTED");
        } else if (outcome instanceof NotConnected n) {
            params.put("error", n.error());
            params.put("error_description", n.message());
        }
        String url = outcome.returnUrl();
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    /** A configured URL, or a path resolved against the host the request came in on (local runs and tests). */
    static String resolve(String configured, String fallback, String requestBaseUrl) {
        String value = blank(configured) ? fallback : configured.trim();
        if (value.startsWith("/")) {
            String base = requestBaseUrl.endsWith("/") ? requestBaseUrl.substring(0, requestBaseUrl.length() - 1) : requestBaseUrl;
            return base + value;
        }
        return value;
    }

    private String allowedReturnUrl(String returnUrl, String requestBaseUrl) {
        if (ReturnUrls.allowed(returnUrl, properties.oauth().allowedReturnUrls(), requestBaseUrl)) {
            return returnUrl;
        }
        throw new InvalidRequestException("returnUrl", "must be an http(s) URL under one of shopify.oauth.allowed-return-urls, or a page of this service's /app/");
    }

    private static String safe(String error) {
        return error != null && error.matches("[A-Za-z0-9_.\\-]{1,64}") ? error : "authorization_error";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
