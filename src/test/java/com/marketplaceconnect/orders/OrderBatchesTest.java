package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a batch counts as full; storing and the watermark are covered against PostgreSQL by AmazonOrderSyncTest. */
class OrderBatchesTest {
    private static CanonicalOrder order(String id) {
        return new CanonicalOrder("AMAZON", "IN", id, "UNSHIPPED", "UNSHIPPED", "SELLER", Instant.EPOCH, Instant.EPOCH, null, null,
                null, null, null, null, null, null, null, null, null, null, new ObjectMapper().createObjectNode(), List.of());
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    @Test
    void aBatchIsFullOnceItHoldsEnoughOrders() throws Exception {
        OrderBatches batches = new OrderBatches(null, 3, Duration.ofHours(1));
        Exchange exchange = exchange();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1"), order("2")));
        batches.add(exchange);
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isFalse();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("3")));
        batches.add(exchange);
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isTrue();
        assertThat(exchange.getProperty("syncPages", Integer.class)).isEqualTo(2);
        assertThat(exchange.getProperty(OrderBatches.BATCH, OrderRows.class).orders()).isEqualTo(3);
    }

    @Test
    void aBatchIsFullOnceItsFirstPageIsOlderThanTheMaximumAge() throws Exception {
        OrderBatches batches = new OrderBatches(null, 1000, Duration.ZERO);
        Exchange exchange = exchange();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1")));
        batches.add(exchange);
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isTrue();
    }
}
