package com.marketplaceconnect.shopify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code shopify.*} properties, documented in config/application.yaml. */
@ConfigurationProperties("shopify")
public record ShopifyProperties(String shopBaseUrl, String apiVersion, String clientId, String clientSecret,
                                List<String> scopes, Duration refreshMargin, int timeoutMs, OAuth oauth,
                                Webhooks webhooks, Sync sync, Push push) {

    /** Shopify's shop domains: the stricter form of Shopify's own tools (no subdomain of another domain). */
    public static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com$");

    public record OAuth(String redirectUri, String returnUrl, List<String> allowedReturnUrls, Duration stateTtl,
                        Duration timestampSkew) {
        public OAuth {
            allowedReturnUrls = allowedReturnUrls == null ? List.of() : allowedReturnUrls;
        }
    }

    /** {@code callbackUrl}: absolute, or a path resolved against the host the connect request came in on. */
    public record Webhooks(String callbackUrl, List<String> topics, boolean subscribeOnConnect) {
        public Webhooks {
            topics = topics == null ? List.of() : topics;
        }
    }

    public record Sync(String cron, Duration initialWindow, Duration overlap, int pageSize, int lineItemsPerOrder,
                       int estimatedPageCost) {
    }

    public record Push(boolean notifyCustomer) {
    }

    public ShopifyProperties {
        scopes = scopes == null ? List.of() : scopes;
    }

    /** The shop's base URL: {@code https://{shop}} in production, the sandbox's mirror of it in tests. */
    public String shopUrl(String shop) {
        return shopBaseUrl.replace("{shop}", shop);
    }

    /** The GraphQL Admin API endpoint of the pinned version. */
    public String graphqlUrl(String shop) {
        return shopUrl(shop) + "/admin/api/" + apiVersion + "/graphql.json";
    }

    public static boolean validShop(String shop) {
        return shop != null && shop.length() <= 255 && SHOP_DOMAIN.matcher(shop).matches();
    }

    public static String normalizeShop(String shop) {
        return shop == null ? null : shop.trim().toLowerCase(Locale.ROOT);
    }
}
