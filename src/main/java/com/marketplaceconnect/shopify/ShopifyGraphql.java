package com.marketplaceconnect.shopify;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.sync.SyncProperties;

/**
 * Reads a GraphQL answer (HTTP 200): records its cost in the shop's throttle, turns a THROTTLED error into a retried
 * failure (counted as a throttled response of the sync run), other errors without data into a permanent one, and
 * leaves the answer's {@code data} as the body. {@code userErrors} of a mutation are data: the push reads them.
 */
@Component("shopifyGraphql")
public class ShopifyGraphql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopifyThrottle throttle;

    public ShopifyGraphql(ShopifyThrottle throttle) {
        this.throttle = throttle;
    }

    public JsonNode answer(Exchange exchange) throws IOException {
        String text = exchange.getMessage().getBody(String.class);
        JsonNode answer;
        try {
            answer = JSON.readTree(text == null ? "" : text);
        } catch (IOException e) {
            throw new MalformedMarketplaceResponseException("Shopify answered with something that is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new MalformedMarketplaceResponseException("Shopify answered with something that is not a GraphQL answer");
        }
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        String operation = exchange.getProperty("marketplaceOperation", String.class);
        throttle.observe(shop, operation, answer.path("extensions").path("cost"));
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                    exchange.setProperty(SyncProperties.THROTTLED, exchange.getProperty(SyncProperties.THROTTLED, 0, Integer.class) + 1);
                    throw new ShopifyThrottledException("Shopify throttled " + operation + " of shop " + shop + ": " + error.path("message").asText());
                }
            }
            if (answer.path("data").isMissingNode() || answer.path("data").isNull()) {
                throw new ShopifyGraphqlException("Shopify refused " + operation + ": " + errors.get(0).path("message").asText(errors.toString()));
            }
        }
        JsonNode data = answer.path("data");
        exchange.getMessage().setBody(data);
        return data;
    }
}
