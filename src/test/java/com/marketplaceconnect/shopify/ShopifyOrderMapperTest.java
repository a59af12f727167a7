package com.marketplaceconnect.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;

/** The mapper on Shopify's own example payload (fixtures/shopify/orders-create-webhook.json) and a GraphQL Order node. */
class ShopifyOrderMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ShopifyOrderMapper mapper = new ShopifyOrderMapper();

    static String fixture() throws IOException {
        try (InputStream in = ShopifyOrderMapperTest.class.getResourceAsStream("/fixtures/shopify/orders-create-webhook.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theWebhookExampleMapsToTheCanonicalOrder() throws IOException {
        String raw = fixture();
        CanonicalOrder order = mapper.fromWebhook(JSON.readTree(raw), raw);

        assertThat(order.marketplace()).isEqualTo("SHOPIFY");
        // The id exceeds 2^53: kept exactly, as text.
        assertThat(order.marketplaceOrderId()).isEqualTo("820982911946154508");
        // The example is a cancelled, voided test order.
        assertThat(order.status()).isEqualTo(CanonicalOrder.CANCELLED);
        assertThat(order.marketplaceStatus()).isEqualTo("VOIDED UNFULFILLED CANCELLED");
        assertThat(order.fulfilledBy()).isEqualTo(CanonicalOrder.BY_SELLER);
        assertThat(order.purchasedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(order.total()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("404.95"), "USD"));
        assertThat(order.buyerName()).isEqualTo("John Smith");
        assertThat(order.shipTo()).isEqualTo(new CanonicalOrder.Address("Steve Shipper", "123 Shipping Street", null,
                "Shippington", "KY", "40003", "US"));
        assertThat(order.rawJson()).isSameAs(raw);
        assertThat(order.items()).hasSize(1);
        CanonicalOrderItem item = order.items().get(0);
        assertThat(item.marketplaceItemId()).isEqualTo("487817672276298554");
        assertThat(item.sku()).isEqualTo("SKU2006-001");
        assertThat(item.productId()).isEqualTo("788032119674292922");
        assertThat(item.title()).isEqualTo("Aviator sunglasses");
        assertThat(item.quantity()).isEqualTo(1);
        assertThat(item.quantityShipped()).isZero();
        assertThat(item.unitPrice()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("89.99"), "USD"));
        assertThat(item.rawPlace()).isEqualTo(new CanonicalOrderItem.RawPlace("line_items", 0));
    }

    @Test
    void anOpenPaidOrderIsUnshippedAndAFulfilledOneShipped() throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(fixture());
        payload.putNull("cancelled_at");
        payload.put("financial_status", "paid");
        assertThat(mapper.fromWebhook(payload, payload.toString()).status()).isEqualTo(CanonicalOrder.UNSHIPPED);
        payload.put("fulfillment_status", "partial");
        assertThat(mapper.fromWebhook(payload, payload.toString()).status()).isEqualTo(CanonicalOrder.PARTIALLY_SHIPPED);
        payload.put("fulfillment_status", "fulfilled");
        ((ObjectNode) payload.get("line_items").get(0)).put("fulfillment_status", "fulfilled");
        CanonicalOrder fulfilled = mapper.fromWebhook(payload, payload.toString());
        assertThat(fulfilled.status()).isEqualTo(CanonicalOrder.SHIPPED);
        assertThat(fulfilled.marketplaceStatus()).isEqualTo("PAID FULFILLED");
        assertThat(fulfilled.items().get(0).quantityShipped()).isEqualTo(1);
    }

    @Test
    void aGraphqlOrderNodeMapsToTheSameKeysAsTheWebhook() throws IOException {
        JsonNode node = JSON.readTree("""
                {"id":"gid://shopify/Order/820982911946154508","legacyResourceId":"820982911946154508","name":"#9999","number":234,
                 "createdAt":"2021-12-31T19:00:00-05:00","updatedAt":"2022-01-02T10:00:00Z","cancelledAt":null,
                 "displayFinancialStatus":"PAID","displayFulfillmentStatus":"PARTIALLY_FULFILLED","currencyCode":"USD",
                 "email":"jon@example.com","phone":null,
                 "totalPriceSet":{"shopMoney":{"amount":"404.95","currencyCode":"USD"}},
                 "customer":{"id":"gid://shopify/Customer/115310627314723954","firstName":"John","lastName":"Smith"},
                 "shippingAddress":{"name":"Steve Shipper","address1":"123 Shipping Street","address2":null,"city":"Shippington",
                   "province":"Kentucky","provinceCode":"KY","zip":"40003","countryCodeV2":"US"},
                 "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/487817672276298554","sku":"SKU2006-001","title":"Aviator sunglasses",
                   "quantity":3,"unfulfilledQuantity":1,"originalUnitPriceSet":{"shopMoney":{"amount":"89.99","currencyCode":"USD"}},
                   "product":{"id":"gid://shopify/Product/788032119674292922"}}]}}
                """);
        CanonicalOrder order = mapper.fromGraphql(node);
        assertThat(order.marketplaceOrderId()).isEqualTo("820982911946154508");
        assertThat(order.status()).isEqualTo(CanonicalOrder.PARTIALLY_SHIPPED);
        assertThat(order.marketplaceStatus()).isEqualTo("PAID PARTIALLY_FULFILLED");
        assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2022-01-02T10:00:00Z"));
        assertThat(order.total()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("404.95"), "USD"));
        assertThat(order.buyerName()).isEqualTo("John Smith");
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.shipTo().state()).isEqualTo("KY");
        assertThat(order.raw()).isSameAs(node);
        CanonicalOrderItem item = order.items().get(0);
        assertThat(item.marketplaceItemId()).isEqualTo("487817672276298554");
        assertThat(item.productId()).isEqualTo("788032119674292922");
        assertThat(item.quantity()).isEqualTo(3);
        assertThat(item.quantityShipped()).isEqualTo(2);
        assertThat(item.unitPrice()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("89.99"), "USD"));
    }

    @Test
    void aPageBecomesTheStoreStepsRows() throws IOException {
        JsonNode data = JSON.readTree("""
                {"orders":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[
                  {"id":"gid://shopify/Order/1","legacyResourceId":"1","updatedAt":"2026-12-01T00:00:00Z","createdAt":"2026-12-01T00:00:00Z",
                   "displayFulfillmentStatus":"UNFULFILLED","currencyCode":"EUR","totalPriceSet":{"shopMoney":{"amount":"10.00","currencyCode":"EUR"}},
                   "lineItems":{"nodes":[]}},
                  {"id":"gid://shopify/Order/2","legacyResourceId":"2","updatedAt":"2026-12-01T00:00:00Z","createdAt":"2026-12-01T00:00:00Z",
                   "displayFulfillmentStatus":"FULFILLED","currencyCode":"EUR","totalPriceSet":{"shopMoney":{"amount":"12.00","currencyCode":"EUR"}},
                   "lineItems":{"nodes":[]}}]}}
                """);
        var rows = mapper.page(data);
        assertThat((String[]) rows.get("marketplace_order_id")).containsExactly("1", "2");
        assertThat((String[]) rows.get("status")).containsExactly("UNSHIPPED", "SHIPPED");
    }
}
