package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper on WooCommerce's own "Retrieve an order" example (fixtures/woocommerce/order.json, verbatim). */
class WooCommerceOrderMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WooCommerceOrderMapper mapper = new WooCommerceOrderMapper();

    static ObjectNode fixture() throws Exception {
        try (InputStream in = WooCommerceOrderMapperTest.class.getResourceAsStream("/fixtures/woocommerce/order.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void theDocumentedOrderMapsToTheCanonicalOrder() throws Exception {
        ObjectNode fixture = fixture();
        CanonicalOrder o = mapper.map(fixture);
        assertThat(o.marketplace()).isEqualTo("WOOCOMMERCE");
        assertThat(o.marketplaceCode()).isEqualTo("WC");
        assertThat(o.marketplaceOrderId()).isEqualTo("727");
        assertThat(o.status()).isEqualTo(CanonicalOrder.UNSHIPPED);
        assertThat(o.marketplaceStatus()).isEqualTo("processing");
        assertThat(o.fulfilledBy()).isEqualTo(CanonicalOrder.BY_SELLER);
        // The _gmt fields (the others are the store's local time, UTC-3 in the example, without an offset).
        assertThat(o.purchasedAt()).isEqualTo(Instant.parse("2017-03-22T19:28:02Z"));
        assertThat(o.sourceUpdatedAt()).isEqualTo(Instant.parse("2017-03-22T19:28:08Z"));
        assertThat(o.total()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("29.35"), "USD"));
        assertThat(o.buyerName()).isEqualTo("John Doe");
        assertThat(o.shipTo()).isEqualTo(new CanonicalOrder.Address("John Doe", "969 Market", null, "San Francisco", "CA", "94103", "US"));
        assertThat(o.raw()).isSameAs(fixture);

        List<CanonicalOrderItem> items = o.items();
        assertThat(items).hasSize(2);
        CanonicalOrderItem first = items.get(0);
        assertThat(first.marketplaceItemId()).isEqualTo("315");
        assertThat(first.sku()).as("an empty SKU is no SKU").isNull();
        assertThat(first.productId()).isEqualTo("93");
        assertThat(first.title()).isEqualTo("Woo Single #1");
        assertThat(first.quantity()).isEqualTo(2);
        assertThat(first.quantityShipped()).isZero();
        // "price": 3 — a number in the example, though the docs say string.
        assertThat(first.unitPrice()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("3"), "USD"));
        CanonicalOrderItem second = items.get(1);
        assertThat(second.sku()).isEqualTo("Bar3");
        assertThat(second.productId()).as("the variation is the product sold").isEqualTo("23");
        assertThat(second.unitPrice().amount()).isEqualByComparingTo("12");
        assertThat(second.raw().path("meta_data").size()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
            "pending, PENDING", "processing, UNSHIPPED", "on-hold, ON_HOLD", "completed, SHIPPED", "cancelled, CANCELLED",
            "refunded, CANCELLED", "failed, PENDING", "trash, CANCELLED", "checkout-draft, UNSHIPPED"})
    void everyWooCommerceStatusHasItsCanonicalStatus(String woo, String canonical) throws Exception {
        ObjectNode order = fixture();
        order.put("status", woo);
        assertThat(mapper.map(order).status()).isEqualTo(canonical);
        assertThat(mapper.map(order).marketplaceStatus()).isEqualTo(woo);
    }

    @Test
    void aCompletedOrderHasShippedEveryLineAndARefundAfterCompletionIsAReturn() throws Exception {
        ObjectNode order = fixture();
        order.put("status", "completed");
        order.put("date_completed_gmt", "2017-03-25T10:00:00");
        assertThat(mapper.map(order).items()).allSatisfy(i -> assertThat(i.quantityShipped()).isEqualTo(i.quantity()));
        order.put("status", "refunded");
        assertThat(mapper.map(order).status()).isEqualTo(CanonicalOrder.RETURNED);
    }

    @Test
    void anUnpaidDraftIsPendingAndAnOrderWithoutAModifiedTimeIsSkipped() throws Exception {
        ObjectNode draft = fixture();
        draft.put("status", "checkout-draft");
        draft.putNull("date_paid_gmt");
        assertThat(mapper.map(draft).status()).isEqualTo(CanonicalOrder.PENDING);

        ObjectNode broken = fixture();
        broken.putNull("date_modified_gmt");
        ObjectNode other = fixture();
        other.put("id", 728);
        JsonNode page = JSON.createArrayNode().add(broken).add(other);
        assertThat(mapper.orders(page)).extracting(CanonicalOrder::marketplaceOrderId).containsExactly("728");
    }

    @Test
    void aVirtualOrderWithoutAShippingAddressShipsToTheBillingAddress() throws Exception {
        ObjectNode order = fixture();
        ((ObjectNode) order.get("shipping")).put("address_1", "");
        ((ObjectNode) order.get("billing")).put("address_1", "1 Billing Way");
        assertThat(mapper.map(order).shipTo().line1()).isEqualTo("1 Billing Way");
    }
}
