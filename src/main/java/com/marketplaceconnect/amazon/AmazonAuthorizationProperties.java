package com.marketplaceconnect.amazon;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The website authorization workflow's settings, {@code amazon.oauth.*} and {@code amazon.seller-central.*},
 * documented in config/application.yaml.
 */
@ConfigurationProperties("amazon")
public record AmazonAuthorizationProperties(OAuth oauth, Map<String, String> sellerCentral) {
    /** The key of {@code amazon.seller-central} that sends every marketplace's consent page to one base URL (the sandbox). */
    public static final String OVERRIDE_BASE_URL = "override-base-url";

    public AmazonAuthorizationProperties {
        oauth = oauth == null ? new OAuth(null, true, null, null, null, null) : oauth;
        sellerCentral = sellerCentral == null ? Map.of() : sellerCentral;
    }

    public record OAuth(String applicationId, boolean draft, String redirectUri, String returnUrl,
                        List<String> allowedReturnUrls, Duration stateTtl) {
        public OAuth {
            allowedReturnUrls = allowedReturnUrls == null ? List.of() : allowedReturnUrls.stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
        }
    }

    /**
     * Seller Central's base URL for a marketplace: the override when set, else {@code amazon.seller-central.<CODE>},
     * else https:// and the marketplace's host. Map keys are compared loosely (IN, in; environment variables lose case
     * and dashes).
     */
    public String sellerCentralUrl(AmazonMarketplace marketplace) {
        String override = lookup(OVERRIDE_BASE_URL);
        if (override != null) {
            return stripSlash(override);
        }
        String configured = lookup(marketplace.name());
        return configured != null ? stripSlash(configured) : "https://" + marketplace.sellerCentralHost();
    }

    private String lookup(String key) {
        String wanted = loose(key);
        return sellerCentral.entrySet().stream()
                .filter(e -> loose(e.getKey()).equals(wanted) && e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getValue().trim()).findFirst().orElse(null);
    }

    private static String loose(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
