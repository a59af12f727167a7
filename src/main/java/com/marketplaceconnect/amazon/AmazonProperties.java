package com.marketplaceconnect.amazon;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Locale;

/** The {@code amazon.*} properties, documented in config/application.yaml. */
@ConfigurationProperties("amazon")
public record AmazonProperties(Lwa lwa, Endpoints endpoints, String userAgent, Sync sync, RateLimits rateLimits) {

    public record Lwa(String tokenUrl, String clientId, String clientSecret, Duration refreshMargin) {
        @Override
        public String toString() {
            return "Lwa[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    public record Endpoints(String na, String eu, String fe) {
        public String forRegion(String region) {
            return switch (region.toUpperCase(Locale.ROOT)) {
                case "NA" -> na;
                case "EU" -> eu;
                case "FE" -> fe;
                default -> throw new IllegalArgumentException("Unknown Amazon region " + region + " (NA, EU or FE)");
            };
        }
    }

    public record Sync(String cron, Duration initialWindow, Duration overlap, Duration updatedBeforeLag, int pageSize,
                       String includedData, int httpTimeoutMs) {
    }

    public record RateLimits(boolean enabled, double timeFactor, Plan searchOrders, Plan confirmShipment) {
    }

    public record Plan(double ratePerSecond, int burst) {
    }
}
