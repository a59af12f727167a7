package com.marketplaceconnect.woocommerce;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** The {@code woocommerce.*} properties, documented in config/application.yaml. */
@ConfigurationProperties("woocommerce")
public record WooCommerceProperties(String appName, String webhookBaseUrl, String connectBaseUrl, boolean allowPlainHttp,
                                    boolean allowPrivateAddresses, List<String> privateAddressAllowlist,
                                    List<String> allowedReturnUrls, Duration stateTtl, int connectTimeoutMs,
                                    int requestTimeoutMs, boolean completeWhenShipped, Sync sync, RateLimit rateLimit) {

    public WooCommerceProperties {
        privateAddressAllowlist = privateAddressAllowlist == null ? List.of() : List.copyOf(privateAddressAllowlist);
        allowedReturnUrls = allowedReturnUrls == null ? List.of() : List.copyOf(allowedReturnUrls);
        stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
        appName = appName == null || appName.isBlank() ? "Marketplace Connect" : appName;
        connectTimeoutMs = connectTimeoutMs <= 0 ? 10000 : connectTimeoutMs;
        requestTimeoutMs = requestTimeoutMs <= 0 ? 30000 : requestTimeoutMs;
    }

    /** {@code pageSize}: at most 100 (the orders endpoint's per_page maximum). */
    public record Sync(String cron, Duration initialWindow, Duration overlap, int pageSize) {
        public Sync {
            pageSize = Math.max(1, Math.min(100, pageSize));
        }
    }

    /** Calls per second to one store, and how many may go at once after a quiet spell. */
    public record RateLimit(double requestsPerSecond, int burst) {
    }
}
