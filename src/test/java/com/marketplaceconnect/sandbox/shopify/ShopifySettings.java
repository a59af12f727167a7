package com.marketplaceconnect.sandbox.shopify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the Shopify side of the sandbox behaves: the app's credentials (the Partner Dashboard's client id and secret),
 * the API versions served, token lifetimes, the GraphQL cost throttle and webhook delivery. Change it at run time with
 * {@link ShopifySandbox#configure(java.util.function.UnaryOperator)}.
 *
 * @param webhookRetrySchedule the delays between a failed delivery and its retries; Shopify retries 8 times over
 *                             4 hours with exponential backoff, simulated as 1, 2, 4, 8, 16, 32, 64 and 113 minutes
 *                             (240 minutes in all). Time is the sandbox clock or the wall clock, whichever moved
 *                             further, times the sandbox's time factor; tests shorten the schedule instead.
 */
public record ShopifySettings(String clientId, String clientSecret, Set<String> apiVersions,
                              Duration accessTokenLifetime, Duration refreshTokenLifetime,
                              Duration authorizationCodeLifetime, int maximumAvailable, int restoreRate,
                              int singleQueryMaxCost, boolean throttleEnabled, Duration webhookConnectTimeout,
                              Duration webhookTimeout, List<Duration> webhookRetrySchedule) {

    public static final String DEFAULT_CLIENT_ID = "shopify-sandbox-client";
    public static final String DEFAULT_CLIENT_SECRET = "shopify-sandbox-secret";
    /** The stable quarters served; any other version in a path gets 404, as on Shopify. */
    public static final Set<String> DEFAULT_API_VERSIONS = Set.of("2025-07", "2025-10", "2026-01", "2026-04", "2026-07", "2026-10");
    public static final List<Duration> SHOPIFY_RETRY_SCHEDULE = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32),
            Duration.ofMinutes(64), Duration.ofMinutes(113));

    public ShopifySettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        apiVersions = Set.copyOf(apiVersions);
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(authorizationCodeLifetime, "authorizationCodeLifetime");
        if (maximumAvailable < 1 || restoreRate < 1) throw new IllegalArgumentException("maximumAvailable and restoreRate must be >= 1");
        Objects.requireNonNull(webhookConnectTimeout, "webhookConnectTimeout");
        Objects.requireNonNull(webhookTimeout, "webhookTimeout");
        webhookRetrySchedule = List.copyOf(webhookRetrySchedule);
    }

    /** Shopify's numbers: 60-minute access tokens, 90-day refresh tokens, a 1000-point bucket restoring 50 a second. */
    public static ShopifySettings defaults() {
        return new ShopifySettings(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_API_VERSIONS,
                Duration.ofMinutes(60), Duration.ofDays(90), Duration.ofMinutes(10), 1000, 50, 1000, true,
                Duration.ofSeconds(1), Duration.ofSeconds(5), SHOPIFY_RETRY_SCHEDULE);
    }

    public ShopifySettings withClient(String clientId, String clientSecret) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    public ShopifySettings withAccessTokenLifetime(Duration accessTokenLifetime) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    /** The cost bucket of every shop: capacity and points restored a second (Shopify: 1000/50 standard, 20000/1000 Plus). */
    public ShopifySettings withThrottle(int maximumAvailable, int restoreRate) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    /** Off: no query is throttled (costs are still computed and reported with a full bucket). */
    public ShopifySettings withThrottleEnabled(boolean throttleEnabled) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    public ShopifySettings withWebhookTimeout(Duration webhookTimeout) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    public ShopifySettings withWebhookRetrySchedule(List<Duration> webhookRetrySchedule) {
        return new ShopifySettings(clientId, clientSecret, apiVersions, accessTokenLifetime, refreshTokenLifetime,
                authorizationCodeLifetime, maximumAvailable, restoreRate, singleQueryMaxCost, throttleEnabled,
                webhookConnectTimeout, webhookTimeout, webhookRetrySchedule);
    }

    /** Never print the client secret. */
    @Override
    public String toString() {
        return "ShopifySettings[clientId=" + clientId + ", clientSecret=***, apiVersions=" + apiVersions
                + ", accessTokenLifetime=" + accessTokenLifetime + ", maximumAvailable=" + maximumAvailable
                + ", restoreRate=" + restoreRate + ", throttleEnabled=" + throttleEnabled
                + ", webhookTimeout=" + webhookTimeout + ", webhookRetrySchedule=" + webhookRetrySchedule + "]";
    }
}
