package com.marketplaceconnect.shopify;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shopify's mandatory compliance topics. customers/data_request: recorded (shop, customer id, the orders named; never
 * the buyer's data itself) for the operator to answer the merchant. customers/redact: the buyer's personal fields are
 * erased from the shop's stored orders named in orders_to_redact and from any order of that customer; shop/redact
 * (48 h after uninstall): from every order of the shop. Erased means the columns (buyer name, the shipping address but
 * its country) set null and the personal keys removed from the raw JSON (both shapes: REST webhooks and GraphQL);
 * the orders themselves, their items and totals stay. Each request is recorded with how many orders it touched.
 */
@Component("shopifyCompliance")
public class ShopifyCompliance {
    private static final Logger log = LoggerFactory.getLogger(ShopifyCompliance.class);
    /** Personal keys of an order's raw JSON: REST webhook payloads and GraphQL Order nodes. */
    static final String[] PERSONAL_KEYS = {"email", "contact_email", "phone", "customer", "billing_address", "shipping_address",
            "client_details", "browser_ip", "note", "note_attributes", "order_status_url", "token", "cart_token",
            "checkout_token", "shippingAddress", "billingAddress"};

    private static final String ERASE = """
            update orders set buyer_name = null, ship_to_name = null, ship_to_line1 = null, ship_to_line2 = null,
                   ship_to_city = null, ship_to_state = null, ship_to_postal_code = null,
                   raw = raw - cast(? as text[]), updated_at = now()
             where account_id in (select id from seller_account where marketplace = 'SHOPIFY' and external_account_id = ?)
            """;

    private final JdbcTemplate jdbc;

    public ShopifyCompliance(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** customers/data_request: recorded; answered by the operator from the stored orders. */
    public void dataRequest(Exchange exchange) {
        JsonNode payload = exchange.getMessage().getBody(JsonNode.class);
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        List<String> orders = ids(payload.path("orders_requested"));
        record(exchange, shop, customerId(payload), orders, null);
        log.warn("Shopify customers/data_request for shop {}: customer {}, orders {}; recorded in shopify_compliance_request "
                + "for the merchant's answer", shop, customerId(payload), orders);
    }

    /** customers/redact: the named orders and the customer's orders of the shop. */
    public void redactCustomer(Exchange exchange) {
        JsonNode payload = exchange.getMessage().getBody(JsonNode.class);
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        List<String> orders = ids(payload.path("orders_to_redact"));
        String customer = customerId(payload);
        int erased = jdbc.update(ERASE + """
                   and (marketplace_order_id = any(?)
                        or (cast(? as text) is not null and (raw #>> '{customer,id}' = ? or raw #>> '{customer,id}' = ?)))
                """, PERSONAL_KEYS, shop, orders.toArray(String[]::new), customer, customer,
                customer == null ? null : "gid://shopify/Customer/" + customer);
        record(exchange, shop, customer, orders, erased);
        log.info("Shopify customers/redact for shop {}: buyer data erased from {} stored orders", shop, erased);
    }

    /** shop/redact: every order of the shop. */
    public void redactShop(Exchange exchange) {
        String shop = exchange.getProperty(ShopifyTokens.SHOP, String.class);
        int erased = jdbc.update(ERASE, PERSONAL_KEYS, shop);
        record(exchange, shop, null, List.of(), erased);
        log.info("Shopify shop/redact for shop {}: buyer data erased from {} stored orders", shop, erased);
    }

    private void record(Exchange exchange, String shop, String customer, List<String> orders, Integer erased) {
        jdbc.update("""
                insert into shopify_compliance_request (webhook_id, shop_domain, topic, customer_id, order_ids, orders_redacted)
                values (?, ?, ?, ?, ?, ?)
                """, exchange.getProperty(ShopifyWebhooks.WEBHOOK_ID, String.class), shop,
                exchange.getProperty(ShopifyWebhooks.TOPIC, String.class), customer, orders.toArray(String[]::new), erased);
    }

    private static String customerId(JsonNode payload) {
        JsonNode id = payload.path("customer").path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
