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

    /** {@code detailsBatchSize}: GET /v3/shipments/{ids} takes at most 100 ids, so a larger setting is 100. */
    public record Sync(String cron, Duration initialWindow, Duration overlap, int pageSize, int detailsBatchSize) {
        public static final int MAX_DETAILS_IDS = 100;

        public Sync {
            detailsBatchSize = Math.max(1, Math.min(MAX_DETAILS_IDS, detailsBatchSize));
        }
    }
}
