package com.marketplaceconnect.sandbox.shopify;

import java.util.Map;

/** WebhookSubscriptionTopic enum values and their REST topic names (X-Shopify-Topic). */
final class WebhookTopics {

    private static final Map<String, String> TOPICS = Map.ofEntries(
            Map.entry("APP_UNINSTALLED", "app/uninstalled"),
            Map.entry("ORDERS_CANCELLED", "orders/cancelled"),
            Map.entry("ORDERS_CREATE", "orders/create"),
            Map.entry("ORDERS_DELETE", "orders/delete"),
            Map.entry("ORDERS_EDITED", "orders/edited"),
            Map.entry("ORDERS_FULFILLED", "orders/fulfilled"),
            Map.entry("ORDERS_PAID", "orders/paid"),
            Map.entry("ORDERS_PARTIALLY_FULFILLED", "orders/partially_fulfilled"),
            Map.entry("ORDERS_UPDATED", "orders/updated"),
            Map.entry("FULFILLMENTS_CREATE", "fulfillments/create"),
            Map.entry("FULFILLMENTS_UPDATE", "fulfillments/update"),
            Map.entry("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED", "fulfillment_orders/fulfillment_request_submitted"),
            Map.entry("SHOP_UPDATE", "shop/update"));

    private WebhookTopics() {
    }

    static String fromEnum(String value) {
        String t = TOPICS.get(value);
        if (t == null) throw new IllegalArgumentException("unknown topic " + value);
        return t;
    }

    static String toEnum(String topic) {
        return TOPICS.entrySet().stream().filter(e -> e.getValue().equals(topic)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topic));
    }

    static boolean known(String topic) {
        return TOPICS.containsValue(topic);
    }
}
