package com.marketplaceconnect.shopify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.connectors.Signatures;
import com.marketplaceconnect.sync.SyncProperties;

/**
 * The webhook door's checks and lookups (routes/shopify-webhooks.yaml). {@link #verify}: the base64 HMAC-SHA256 of
 * the raw body with the app's client secret must equal X-Shopify-Hmac-Sha256 (constant time) before the body is even
 * parsed; then the delivery must name its topic, shop and webhook id. {@link #account}: the shop's account.
 */
@Component("shopifyWebhooks")
public class ShopifyWebhooks {
    public static final String TOPIC = "shopifyTopic", WEBHOOK_ID = "shopifyWebhookId", RAW = "shopifyWebhookRaw",
            KNOWN_ACCOUNT = "shopifyAccountKnown";
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopifyProperties properties;
    private final ShopifyAccounts accounts;

    public ShopifyWebhooks(ShopifyProperties properties, ShopifyAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    /** Route step, first of all: signature, then topic, shop and webhook id; the body becomes its JSON tree. */
    public void verify(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        String hmac = header(message, "X-Shopify-Hmac-Sha256");
        if (!Signatures.base64HmacSha256Matches(properties.clientSecret(), body, hmac)) {
            log.warn("Shopify webhook refused (401): X-Shopify-Hmac-Sha256 does not sign the body (topic {}, shop {})",
                    safe(header(message, "X-Shopify-Topic")), safe(header(message, "X-Shopify-Shop-Domain")));
            throw new ShopifyWebhookRefusedException(401, "The webhook's X-Shopify-Hmac-Sha256 does not sign its body");
        }
        String topic = header(message, "X-Shopify-Topic");
        String shop = ShopifyProperties.normalizeShop(header(message, "X-Shopify-Shop-Domain"));
        String webhookId = header(message, "X-Shopify-Webhook-Id");
        if (webhookId == null) {
            webhookId = header(message, "X-Shopify-Event-Id");
        }
        if (topic == null || webhookId == null || webhookId.length() > 100 || !ShopifyProperties.validShop(shop)) {
            throw new ShopifyWebhookRefusedException(400, "A Shopify webhook names its X-Shopify-Topic, X-Shopify-Shop-Domain "
                    + "(a myshopify.com domain) and X-Shopify-Webhook-Id");
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = JSON.readTree(raw);
        } catch (IOException e) {
            throw new ShopifyWebhookRefusedException(400, "The webhook's body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ShopifyWebhookRefusedException(400, "The webhook's body is not a JSON object");
        }
        exchange.setProperty(TOPIC, topic);
        exchange.setProperty(ShopifyTokens.SHOP, shop);
        exchange.setProperty(WEBHOOK_ID, webhookId);
        exchange.setProperty(RAW, raw);
        exchange.setProperty(SyncProperties.MARKETPLACE, ShopifyConnector.MARKETPLACE);
        message.setBody(tree);
    }

    /** Route step: the shop's account (properties accountId, shopifyAccountKnown). */
    public void account(Exchange exchange) {
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        var account = accounts.byShop(shop);
        exchange.setProperty(KNOWN_ACCOUNT, account.isPresent());
        account.map(SellerAccount::id).ifPresent(id -> exchange.setProperty(SyncProperties.ACCOUNT_ID, id));
        if (account.isEmpty()) {
            log.info("Shopify webhook {} ({}) for shop {}, which is not connected here: nothing to store",
                    exchange.getProperty(WEBHOOK_ID), exchange.getProperty(TOPIC), shop);
        }
    }

    private static String header(Message message, String name) {
        String value = message.getHeader(name, String.class);
        if (value == null) {
            // The "Events" deliveries use the same names without the X- prefix.
            value = message.getHeader(name.substring(2), String.class);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String safe(String s) {
        return s == null ? "-" : s.replaceAll("[^A-Za-z0-9._/\\-]", "?");
    }
}
