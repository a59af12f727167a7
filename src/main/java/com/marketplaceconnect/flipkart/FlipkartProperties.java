package com.marketplaceconnect.flipkart;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The {@code flipkart.*} properties, documented in config/application.yaml. */
@ConfigurationProperties("flipkart")
public record FlipkartProperties(Auth auth, Api api, Sync sync) {

    public record Auth(String tokenUrl, Duration refreshMargin, int timeoutMs) {
    }

    public record Api(String baseUrl, int connectTimeoutMs, int orderTimeoutMs) {
    }

    public record Sync(String cron, Duration initialWindow, Duration overlap, int pageSize, int detailsBatchSize) {
    }
}
