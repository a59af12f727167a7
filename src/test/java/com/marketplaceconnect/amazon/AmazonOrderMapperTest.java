package com.marketplaceconnect.amazon;

import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderBatches;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapper against Amazon's own example payloads (Orders API v2026-01-01 model, copied under test resources). */
class AmazonOrderMapperTest {
    private final ObjectMapper json = new ObjectMapper();
    private final AmazonOrderMapper mapper = new AmazonOrderMapper();

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/amazon/" + name)) {
            return json.readTree(in);
        }
    }

    @Test
    void mapsTheModelExampleOrder() throws IOException {
        JsonNode order = fixture("searchOrders.200.example.response.json").get("orders").get(0);
        CanonicalOrder c = mapper.map(order);

        assertThat(c.marketplace()).isEqualTo("AMAZON");
        assertThat(c.marketplaceOrderId()).isEqualTo("123-4567890-1234567");
        assertThat(c.marketplaceCode()).isEqualTo("US");
        assertThat(c.status()).isEqualTo(CanonicalOrder.SHIPPED);
        assertThat(c.fulfilledBy()).isEqualTo(CanonicalOrder.BY_SELLER);
        assertThat(c.purchasedAt()).isEqualTo(Instant.parse("2024-12-25T10:30:00Z"));
        assertThat(c.sourceUpdatedAt()).isEqualTo(Instant.parse("2024-12-25T14:45:00Z"));
        assertThat(c.total().amount()).isEqualByComparingTo(new BigDecimal("154.99"));
        assertThat(c.total().currency()).isEqualTo("USD");
        assertThat(c.shipTo()).isEqualTo(new CanonicalOrder.Address("John Smith", "123 Main Street", "Suite 456", "Seattle",
                "WA", "98101", "US"));
        assertThat(c.buyerName()).isEqualTo("John Smith");
        assertThat(c.shipWindow()).isEqualTo(new CanonicalOrder.ShipWindow(Instant.parse("2024-12-27T23:59:59Z"),
                Instant.parse("2024-12-30T23:59:59Z")));
        assertThat(c.items()).hasSize(2);
        assertThat(c.items().get(0).marketplaceItemId()).isEqualTo("12345678901234");
        assertThat(c.items().get(0).sku()).isEqualTo("ECHO-DOT-4-CHARCOAL");
        assertThat(c.items().get(0).productId()).isEqualTo("B08N5WRWNW");
        assertThat(c.items().get(0).quantity()).isEqualTo(2);
        assertThat(c.items().get(0).quantityShipped()).isEqualTo(2);
        assertThat(c.items().get(0).unitPrice().amount()).isEqualByComparingTo(new BigDecimal("49.99"));
        assertThat(c.items().get(0).unitPrice().currency()).isEqualTo("USD");
        assertThat(c.items().get(0).rawPlace()).isEqualTo(new CanonicalOrderItem.RawPlace("orderItems", 0));
        assertThat(c.raw()).isSameAs(order);
    }

    @Test
    void aPageKeepsEachOrdersJsonAsReceivedAndItsNextToken() throws Exception {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/amazon/searchOrders.200.example.response.json")) {
            page = in.readAllBytes();
        }
        JsonNode tree = json.readTree(page);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(page);

        mapper.page(exchange);

        @SuppressWarnings("unchecked")
        List<CanonicalOrder> orders = exchange.getProperty(OrderBatches.PAGE_ORDERS, List.class);
        assertThat(orders).hasSize(tree.get("orders").size());
        for (int i = 0; i < orders.size(); i++) {
            JsonNode received = tree.get("orders").get(i);
            assertThat(json.readTree(orders.get(i).rawJson())).isEqualTo(received);
            // Read from the token stream: no tree is kept; the values are those the tree gives, and each item names
            // its element of orderItems in the raw JSON.
            assertThat(orders.get(i).raw()).isNull();
            assertThat(comparable(orders.get(i))).isEqualTo(comparable(mapper.map(received)));
            for (CanonicalOrderItem item : orders.get(i).items()) {
                assertThat(item.rawPlace().field()).isEqualTo("orderItems");
                assertThat(received.get("orderItems").get(item.rawPlace().index()).get("orderItemId").asText())
                        .isEqualTo(item.marketplaceItemId());
            }
        }
        assertThat(exchange.getProperty(AmazonSearchOrders.NEXT_TOKEN)).isEqualTo(tree.path("pagination").path("nextToken").asText(null));
    }

    @Test
    void aPageReadsOddShapesAsMissingValuesAndSkipsOnlyOrdersThatCannotBeStored() throws Exception {
        // Odd but valid JSON: repeated fields (the last wins), nulls, scalars where objects are expected, numbers
        // where strings are, objects where values are, items that are not objects, orderItems that is not an array.
        List<String> orders = List.of(
                "{\"orderId\":\"1\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"fulfillment\":{\"fulfillmentStatus\":\"SHIPPED\",\"fulfilledBy\":\"AMAZON\"},"
                        + "\"fulfillment\":{\"fulfillmentStatus\":\"UNSHIPPED\",\"shipByWindow\":{\"latestDateTime\":\"2024-12-27T23:59:59+05:30\"}},"
                        + "\"orderItems\":[1,null,{\"orderItemId\":\"a\",\"quantityOrdered\":\"3\",\"product\":{\"price\":{\"unitPrice\":{\"amount\":12.5,\"currencyCode\":\"INR\"}}}},"
                        + "{\"product\":{\"asin\":\"X\"}},{\"orderItemId\":7,\"quantityOrdered\":2.7,\"fulfillment\":{\"quantityFulfilled\":true}}]}",
                "{\"orderId\":\"2\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"recipient\":null,\"proceeds\":\"none\",\"buyer\":[],"
                        + "\"salesChannel\":{\"marketplaceId\":null},\"orderItems\":null,\"createdTime\":12345}",
                "{\"orderId\":\"3\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"salesChannel\":{\"marketplaceId\":{\"id\":\"A21TJRUUN4KGV\"}},"
                        + "\"recipient\":{\"deliveryAddress\":{\"city\":\"Pune\",\"postalCode\":411001}},\"orderItems\":{\"x\":{\"orderItemId\":\"b\"}}}",
                "{\"orderId\":\"4\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"proceeds\":{\"grandTotal\":{\"amount\":\"10.00\"},\"grandTotal\":{\"currencyCode\":\"INR\"}},"
                        + "\"orderItems\":[{\"orderItemId\":\"c\",\"quantityOrdered\":12345678901},{\"orderItemId\":\"d\",\"quantityOrdered\":[2]}]}",
                "{\"orderId\":null,\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\"}",
                "{\"orderId\":\"6\",\"lastUpdatedTime\":\"2024-12-25 14:45:00Z\"}",
                // Every field of the model, then one of them again (read from the order's tree: the last copy counts).
                "{\"orderId\":\"7\",\"createdTime\":\"2024-12-25T14:45:00Z\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"salesChannel\":{},"
                        + "\"buyer\":{},\"recipient\":{},\"proceeds\":{},\"fulfillment\":{},\"orderItems\":[],\"orderId\":\"7b\",\"more\":[{}]}",
                "{\"orderId\":\"8\",\"lastUpdatedTime\":\"2024-12-25T14:45:00Z\",\"fulfillment\":{\"fulfillmentStatus\":\"\"}}");
        byte[] page = ("{\"orders\":[" + String.join(",", orders) + "],\"pagination\":{}}").getBytes();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(page);

        mapper.page(exchange);

        @SuppressWarnings("unchecked")
        List<CanonicalOrder> mapped = exchange.getProperty(OrderBatches.PAGE_ORDERS, List.class);
        assertThat(mapped).extracting(CanonicalOrder::marketplaceOrderId).containsExactly("1", "2", "3", "4", "7b", "8");
        // The same values whether an order is read from the page's stream or from its tree.
        List<CanonicalOrder> fromTrees = orders.stream().map(o -> {
            try {
                return mapper.map(json.readTree(o));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(java.util.Objects::nonNull).toList();
        assertThat(mapped.stream().map(AmazonOrderMapperTest::comparable).toList())
                .isEqualTo(fromTrees.stream().map(AmazonOrderMapperTest::comparable).toList());
        List<Integer> source = List.of(0, 1, 2, 3, 6, 7);
        for (int i = 0; i < mapped.size(); i++) {
            assertThat(json.readTree(mapped.get(i).rawJson())).isEqualTo(json.readTree(orders.get(source.get(i))));
        }

        CanonicalOrder first = mapped.get(0);
        assertThat(first.status()).isEqualTo(CanonicalOrder.UNSHIPPED);
        assertThat(first.fulfilledBy()).isEqualTo(CanonicalOrder.BY_SELLER);
        assertThat(first.marketplaceCode()).isNull();
        assertThat(first.shipWindow().shipBy()).isEqualTo(Instant.parse("2024-12-27T18:29:59Z"));
        // Items without an id are left out; each names its own element of orderItems.
        assertThat(first.items()).extracting(CanonicalOrderItem::marketplaceItemId).containsExactly("a", "7");
        assertThat(first.items()).extracting(i -> i.rawPlace().index()).containsExactly(2, 4);
        assertThat(first.items()).extracting(CanonicalOrderItem::quantity).containsExactly(3, 2);
        assertThat(first.items().get(0).unitPrice()).isEqualTo(new CanonicalOrder.Money(new BigDecimal("12.5"), "INR"));
        // A count that is not a number (true) is no count.
        assertThat(first.items().get(1).quantityShipped()).isZero();

        CanonicalOrder second = mapped.get(1);
        assertThat(second.marketplaceStatus()).isEqualTo("UNKNOWN");
        assertThat(second.purchasedAt()).isNull();
        assertThat(second.total()).isEqualTo(CanonicalOrder.Money.NONE);
        assertThat(second.buyerName()).isNull();
        assertThat(second.items()).isEmpty();

        CanonicalOrder third = mapped.get(2);
        assertThat(third.marketplaceCode()).isNull();
        assertThat(third.shipTo().city()).isEqualTo("Pune");
        assertThat(third.shipTo().postalCode()).isEqualTo("411001");
        // orderItems is an array in Amazon's model: an object holds no items.
        assertThat(third.items()).isEmpty();

        CanonicalOrder fourth = mapped.get(3);
        assertThat(fourth.total()).isEqualTo(new CanonicalOrder.Money(null, "INR"));
        // A quantity beyond an int, or not a number, is no quantity.
        assertThat(fourth.items()).extracting(CanonicalOrderItem::quantity).containsExactly(0, 0);

        assertThat(mapped.get(5).marketplaceStatus()).isEqualTo("UNKNOWN");
    }

    /** The mapped values only: not the raw JSON, nor how items refer to it. */
    private static CanonicalOrder comparable(CanonicalOrder o) {
        List<CanonicalOrderItem> items = o.items().stream().map(i -> new CanonicalOrderItem(i.marketplaceItemId(), i.sku(),
                i.productId(), i.title(), i.quantity(), i.quantityShipped(), i.unitPrice(), i.status(), i.shipment(), null,
                null)).toList();
        return o.withRaw(null, items, null);
    }

    @Test
    void aPageWithoutAnOrdersArrayIsMalformed() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("{\"errors\": []}".getBytes());
        assertThatThrownBy(() -> mapper.page(exchange))
                .isInstanceOf(MalformedMarketplaceResponseException.class);
        exchange.getMessage().setBody("{\"orders\": [{\"orderId\": \"1\"".getBytes());
        assertThatThrownBy(() -> mapper.page(exchange)).isInstanceOf(IOException.class);
    }

    @Test
    void mapsTheSandboxCasesOfThreeMarketplaces() throws IOException {
        assertThat(mapper.map(fixture("searchOrders.200.sandbox-static-0.response.json").get("orders").get(0)).marketplaceCode()).isEqualTo("JP");
        assertThat(mapper.map(fixture("searchOrders.200.sandbox-static-1.response.json").get("orders").get(0)).marketplaceCode()).isEqualTo("UK");
        CanonicalOrder br = mapper.map(fixture("searchOrders.200.sandbox-static-2.response.json").get("orders").get(0));
        assertThat(br.marketplaceCode()).isEqualTo("BR");
        assertThat(br.status()).isEqualTo(CanonicalOrder.UNSHIPPED);
        assertThat(br.total().amount()).isEqualByComparingTo(new BigDecimal("1599.90"));
    }

    @Test
    void toleratesAPendingOrderWithoutAddressOrTotalsAndUnknownValues() throws IOException {
        ObjectNode order = (ObjectNode) fixture("searchOrders.200.example.response.json").get("orders").get(0).deepCopy();
        order.remove("recipient");
        order.remove("proceeds");
        order.remove("buyer");
        ((ObjectNode) order.get("fulfillment")).put("fulfillmentStatus", "SOME_NEW_STATUS");
        ((ObjectNode) order.get("fulfillment")).put("fulfilledBy", "AMAZON");
        order.put("anExtraFieldAmazonAddedLater", true);

        CanonicalOrder c = mapper.map(order);
        assertThat(c.status()).isEqualTo("SOME_NEW_STATUS");
        assertThat(c.fulfilledBy()).isEqualTo(CanonicalOrder.BY_MARKETPLACE);
        assertThat(c.total()).isEqualTo(CanonicalOrder.Money.NONE);
        assertThat(c.shipTo()).isEqualTo(CanonicalOrder.Address.NONE);
    }

    @Test
    void skipsAnOrderThatCannotBeStoredSafely() throws IOException {
        ObjectNode order = (ObjectNode) fixture("searchOrders.200.example.response.json").get("orders").get(0).deepCopy();
        order.remove("lastUpdatedTime");
        assertThat(mapper.map(order)).isNull();
        order.put("lastUpdatedTime", "not a date");
        assertThat(mapper.map(order)).isNull();
    }

    @Test
    void readsTimestampsExactlyAsTheJdkDoes() {
        // The fast path (ITU) and the JDK must agree on every input: the same instant, or both no timestamp.
        for (String text : List.of("2024-12-25T10:30:00Z", "2024-12-25t10:30:00z", "2024-12-25T10:30:00.5Z",
                "2024-12-25T10:30:00.123456789Z", "2024-12-25T10:30:00+05:30", "2024-12-25T10:30:00-08:00",
                "2024-12-25T10:30:00+18:00", "0000-01-01T00:00:00Z", "+12024-12-25T10:30:00Z",
                "2024-12-25T10:30Z", "2024-12-25T10:30:00-00:00", "2024-12-25T10:30:00+05", "2024-12-25T24:00:00Z",
                "2016-12-31T23:59:60Z", "2024-12-25T10:30:00.Z", "2024-12-25T10:30:00+05:30:15",
                "2024-12-25 10:30:00Z", "2024-12-25T10:30:00Z ", "2024-12-25T10:30:00Zabc", "2024-12-25T10:30:00+0530",
                "2024-12-25T10:30:00.1234567891Z", "2024-12-25T10:30:00,5Z", "2024-02-30T10:30:00Z",
                "2024-12-25T10:30:00+19:00", "2024-12-25T10:30:00", "2024-12-25", "not a date", "")) {
            assertThat(AmazonOrderMapper.instant(text)).as(text).isEqualTo(jdk(text));
        }
        assertThat(AmazonOrderMapper.instant("2024-12-25T10:30:00.5+05:30")).isEqualTo(Instant.parse("2024-12-25T05:00:00.5Z"));
        assertThat(AmazonOrderMapper.instant("2024-12-25 10:30:00Z")).isNull();
    }

    private static Instant jdk(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    @Test
    void mapsAmazonStatusesToCanonicalOnes() {
        assertThat(AmazonOrderMapper.status("PENDING_AVAILABILITY")).isEqualTo(CanonicalOrder.PENDING);
        assertThat(AmazonOrderMapper.status("PARTIALLY_SHIPPED")).isEqualTo(CanonicalOrder.PARTIALLY_SHIPPED);
        assertThat(AmazonOrderMapper.status("CANCELLED")).isEqualTo(CanonicalOrder.CANCELLED);
    }

    @Test
    void encodesThePaginationTokenExactlyOnce() {
        String query = AmazonSearchOrders.encode(new java.util.LinkedHashMap<>(java.util.Map.of("paginationToken", "a+b/c==")));
        assertThat(query).isEqualTo("paginationToken=a%2Bb%2Fc%3D%3D");
    }
}
