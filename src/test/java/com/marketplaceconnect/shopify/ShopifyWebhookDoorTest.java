package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The webhook door, black-box: deliveries signed (or not) as Shopify signs them, against the real context and
 * PostgreSQL; assertions on the orders table, camel_messageprocessed and the account.
 */
class ShopifyWebhookDoorTest extends ShopifyTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shopify's example order with this test's id, update time and status. */
    static String order(long id, String updatedAt, String financialStatus, String cancelledAt) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(ShopifyOrderMapperTest.fixture());
        payload.put("id", id);
        payload.put("updated_at", updatedAt);
        payload.put("financial_status", financialStatus);
        if (cancelledAt == null) {
            payload.putNull("cancelled_at");
        } else {
            payload.put("cancelled_at", cancelledAt);
        }
        return payload.toString();
    }

    private int orders(long accountId) {
        return jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, accountId);
    }

    private int processed(String webhookId) {
        return jdbc.queryForObject("select count(*) from camel_messageprocessed where processorname = 'shopify-webhooks' and messageid = ?",
                Integer.class, webhookId);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedWith401AndNothingIsStored() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        String body = order(1001, "2026-12-01T10:00:00Z", "paid", null);
        String id = UUID.randomUUID().toString();

        assertThat(webhook("orders/create", shop, id, body, "d3JvbmcgaG1hYw==").statusCode()).isEqualTo(401);
        assertThat(webhook("orders/create", shop, id, body, null).statusCode()).isEqualTo(401);
        // Signed with another secret, or a body changed after signing.
        assertThat(webhook("orders/create", shop, id, body,
                com.marketplaceconnect.connectors.Signatures.base64HmacSha256("other-secret", body.getBytes())).statusCode()).isEqualTo(401);
        String signed = com.marketplaceconnect.connectors.Signatures.base64HmacSha256(SECRET, body.getBytes());
        assertThat(webhook("orders/create", shop, id, body.replace("\"paid\"", "\"refunded\""), signed).statusCode()).isEqualTo(401);

        assertThat(orders(account)).isZero();
        assertThat(processed(id)).isZero();
        // The same delivery, correctly signed, is then taken: the refusals did not burn its id.
        assertThat(webhook("orders/create", shop, id, body).statusCode()).isEqualTo(200);
        assertThat(orders(account)).isEqualTo(1);
    }

    @Test
    void anOrderWebhookIsStoredAsACanonicalOrderWithItsRawJson() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        String body = order(820982911946154508L, "2026-12-01T10:00:00-05:00", "paid", null);

        assertThat(webhook("orders/create", shop, UUID.randomUUID().toString(), body).statusCode()).isEqualTo(200);

        Map<String, Object> row = jdbc.queryForMap("""
                select marketplace, status, marketplace_status, total_amount, currency, buyer_name, ship_to_city,
                       ship_to_country_code, source_updated_at, raw->>'name' as name, raw->>'id' as raw_id
                  from orders where account_id = ?""", account);
        assertThat(row).containsEntry("marketplace", "SHOPIFY").containsEntry("status", "UNSHIPPED")
                .containsEntry("marketplace_status", "PAID UNFULFILLED").containsEntry("currency", "USD")
                .containsEntry("buyer_name", "John Smith").containsEntry("ship_to_city", "Shippington")
                .containsEntry("ship_to_country_code", "US").containsEntry("name", "#9999")
                .containsEntry("raw_id", "820982911946154508");
        assertThat(row.get("total_amount").toString()).isEqualTo("404.95");
        Map<String, Object> item = jdbc.queryForMap("""
                select i.marketplace_item_id, i.sku, i.quantity, i.unit_price, i.raw->>'name' as name
                  from order_item i join orders o on o.id = i.order_id where o.account_id = ?""", account);
        assertThat(item).containsEntry("marketplace_item_id", "487817672276298554").containsEntry("sku", "SKU2006-001")
                .containsEntry("quantity", 1).containsEntry("name", "Aviator sunglasses");
    }

    @Test
    void aDuplicatedDeliveryIsStoredOnceAndAnsweredOk() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        String id = UUID.randomUUID().toString();
        String body = order(2002, "2026-12-01T10:00:00Z", "paid", null);

        for (int i = 0; i < 3; i++) {
            assertThat(webhook("orders/create", shop, id, body).statusCode()).isEqualTo(200);
        }
        assertThat(orders(account)).isEqualTo(1);
        assertThat(processed(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select updated_at = first_seen_at from orders where account_id = ?", Boolean.class, account)).isTrue();
    }

    @Test
    void reorderedDeliveriesLeaveTheNewestCopy() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        // orders/cancelled (newest) arrives first, then orders/updated, then orders/create (oldest).
        assertThat(webhook("orders/cancelled", shop, UUID.randomUUID().toString(),
                order(3003, "2026-12-01T12:00:00Z", "refunded", "2026-12-01T12:00:00Z")).statusCode()).isEqualTo(200);
        assertThat(webhook("orders/updated", shop, UUID.randomUUID().toString(),
                order(3003, "2026-12-01T11:00:00Z", "paid", null)).statusCode()).isEqualTo(200);
        assertThat(webhook("orders/create", shop, UUID.randomUUID().toString(),
                order(3003, "2026-12-01T10:00:00Z", "pending", null)).statusCode()).isEqualTo(200);

        assertThat(orders(account)).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("select status, marketplace_status, raw->>'financial_status' as financial "
                + "from orders where account_id = ?", account);
        assertThat(row).containsEntry("status", "CANCELLED").containsEntry("marketplace_status", "REFUNDED UNFULFILLED CANCELLED")
                .containsEntry("financial", "refunded");
    }

    @Test
    void aShopThatIsNotConnectedIsAcknowledgedButNothingIsStored() throws IOException {
        String shop = newShop();
        int before = jdbc.queryForObject("select count(*) from orders where marketplace = 'SHOPIFY'", Integer.class);
        assertThat(webhook("orders/create", shop, UUID.randomUUID().toString(), order(4004, "2026-12-01T10:00:00Z", "paid", null))
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from orders where marketplace = 'SHOPIFY'", Integer.class)).isEqualTo(before);
    }

    @Test
    void notAShopifyWebhookIs400() {
        String shop = newShop();
        assertThat(webhook("orders/create", "evil.example.com", UUID.randomUUID().toString(), "{}").statusCode()).isEqualTo(400);
        assertThat(webhook("orders/create", shop, UUID.randomUUID().toString(), "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void appUninstalledDisconnectsErasesCredentialsAndKeepsOrders() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        webhook("orders/create", shop, UUID.randomUUID().toString(), order(5005, "2026-12-01T10:00:00Z", "paid", null));

        assertThat(webhook("app/uninstalled", shop, UUID.randomUUID().toString(), "{\"id\":1,\"myshopify_domain\":\"" + shop + "\"}")
                .statusCode()).isEqualTo(200);

        Map<String, Object> row = jdbc.queryForMap("select status, credentials_ciphertext, credentials_key_id from seller_account where id = ?", account);
        assertThat(row.get("status")).isEqualTo("DISCONNECTED");
        assertThat(row.get("credentials_ciphertext")).isNull();
        assertThat(row.get("credentials_key_id")).isNull();
        assertThat(orders(account)).isEqualTo(1);
    }

    @Test
    void customersRedactErasesTheBuyersPersonalFieldsFromColumnsAndRawJson() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        webhook("orders/create", shop, UUID.randomUUID().toString(), order(6006, "2026-12-01T10:00:00Z", "paid", null));
        ObjectNode other = (ObjectNode) JSON.readTree(order(6007, "2026-12-01T10:00:00Z", "paid", null));
        ((ObjectNode) other.get("customer")).put("id", 999);
        webhook("orders/create", shop, UUID.randomUUID().toString(), other.toString());

        String redact = "{\"shop_id\":954889,\"shop_domain\":\"" + shop + "\",\"customer\":{\"id\":115310627314723954,"
                + "\"email\":\"john@example.com\",\"phone\":\"555-625-1199\"},\"orders_to_redact\":[6006]}";
        assertThat(webhook("customers/redact", shop, UUID.randomUUID().toString(), redact).statusCode()).isEqualTo(200);

        Map<String, Object> erased = jdbc.queryForMap("""
                select buyer_name, ship_to_name, ship_to_line1, ship_to_city, ship_to_postal_code, ship_to_country_code,
                       raw::text as raw, total_amount from orders where account_id = ? and marketplace_order_id = '6006'""", account);
        assertThat(erased.get("buyer_name")).isNull();
        assertThat(erased.get("ship_to_name")).isNull();
        assertThat(erased.get("ship_to_line1")).isNull();
        assertThat(erased.get("ship_to_city")).isNull();
        assertThat(erased.get("ship_to_postal_code")).isNull();
        assertThat(erased.get("ship_to_country_code")).isEqualTo("US");
        assertThat((String) erased.get("raw")).doesNotContain("john@example.com", "jon@example.com", "Steve", "Shipper",
                "123 Shipping Street", "555-555-SHIP", "John", "Smith").contains("\"line_items\"", "Aviator sunglasses");
        assertThat(erased.get("total_amount").toString()).isEqualTo("404.95");
        // Another customer's order keeps its data.
        assertThat(jdbc.queryForObject("select buyer_name from orders where account_id = ? and marketplace_order_id = '6007'",
                String.class, account)).isEqualTo("John Smith");
        assertThat(jdbc.queryForObject("select count(*) from shopify_compliance_request where shop_domain = ? and topic = 'customers/redact' "
                + "and orders_redacted = 1", Integer.class, shop)).isEqualTo(1);
    }

    @Test
    void shopRedactErasesEveryOrderOfTheShopAndDataRequestIsRecorded() throws IOException {
        String shop = newShop();
        long account = connectedWithoutOAuth(shop);
        webhook("orders/create", shop, UUID.randomUUID().toString(), order(7007, "2026-12-01T10:00:00Z", "paid", null));
        webhook("orders/create", shop, UUID.randomUUID().toString(), order(7008, "2026-12-01T10:00:00Z", "paid", null));

        String dataRequest = "{\"shop_id\":1,\"shop_domain\":\"" + shop + "\",\"orders_requested\":[7007],"
                + "\"customer\":{\"id\":115310627314723954,\"email\":\"john@example.com\"},\"data_request\":{\"id\":9999}}";
        assertThat(webhook("customers/data_request", shop, UUID.randomUUID().toString(), dataRequest).statusCode()).isEqualTo(200);
        Map<String, Object> request = jdbc.queryForMap("select customer_id, array_to_string(order_ids, ',') as orders from shopify_compliance_request "
                + "where shop_domain = ? and topic = 'customers/data_request'", shop);
        assertThat(request).containsEntry("customer_id", "115310627314723954").containsEntry("orders", "7007");

        assertThat(webhook("shop/redact", shop, UUID.randomUUID().toString(), "{\"shop_id\":1,\"shop_domain\":\"" + shop + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ? and buyer_name is null "
                + "and not jsonb_exists(raw, 'customer') and not jsonb_exists(raw, 'email') and not jsonb_exists(raw, 'shipping_address')", Integer.class, account)).isEqualTo(2);
    }
}
