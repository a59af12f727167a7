package com.marketplaceconnect.shopify;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.marketplaceconnect.sync.SyncProperties;

/**
 * Subscribes a newly connected shop's webhook topics (shopify.webhooks.topics) to this service's door, through
 * route shopify-subscribe-webhooks (GraphQL webhookSubscriptionCreate, one call per topic). A failure leaves the shop
 * connected: the reconciliation sync fetches its orders anyway, and connecting again subscribes again.
 */
@Component
public class ShopifyWebhookSubscriptions {
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookSubscriptions.class);

    private final ProducerTemplate producer;
    private final ShopifyProperties properties;

    public ShopifyWebhookSubscriptions(ProducerTemplate producer, ShopifyProperties properties) {
        this.producer = producer;
        this.properties = properties;
    }

    public void subscribe(long accountId, String shop, String callbackUrl) {
        if (!properties.webhooks().subscribeOnConnect()) {
            return;
        }
        Exchange result = producer.send("direct:shopify-subscribe-webhooks", exchange -> {
            exchange.setProperty(SyncProperties.ACCOUNT_ID, accountId);
            exchange.setProperty(ShopifyTokens.SHOP, shop);
            exchange.setProperty(SyncProperties.MARKETPLACE, ShopifyConnector.MARKETPLACE);
            exchange.setProperty("shopifyWebhookCallbackUrl", callbackUrl);
        });
        if (result.getException() != null) {
            log.warn("Webhook topics of shop {} (account {}) could not be subscribed: {}. Orders still arrive by the "
                    + "reconciliation sync; connect again to subscribe.", shop, accountId, result.getException().getMessage());
        } else {
            log.info("Webhook topics {} of shop {} (account {}) subscribed to {}", properties.webhooks().topics(), shop, accountId, callbackUrl);
        }
    }

    /** Route step after one webhookSubscriptionCreate (body: data): userErrors other than "already taken" fail it. */
    public void subscribed(Exchange exchange) {
        var errors = exchange.getMessage().getBody(com.fasterxml.jackson.databind.JsonNode.class)
                .path("webhookSubscriptionCreate").path("userErrors");
        for (var error : errors) {
            String message = error.path("message").asText();
            if (!message.toLowerCase(java.util.Locale.ROOT).contains("already been taken")) {
                throw new IllegalStateException("Shopify refused the subscription of " + exchange.getProperty("shopifyTopic") + ": " + message);
            }
        }
    }
}
