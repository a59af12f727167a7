package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a batch counts as full, and what a retried store step does; storing and the watermark are covered against
 * PostgreSQL by AmazonOrderSyncTest.
 */
class OrderBatchesTest {
    private static CanonicalOrder order(String id) {
        return new CanonicalOrder("AMAZON", "IN", id, "UNSHIPPED", "UNSHIPPED", "SELLER", Instant.EPOCH, Instant.EPOCH,
                CanonicalOrder.Money.NONE, null, CanonicalOrder.Address.NONE, CanonicalOrder.ShipWindow.NONE,
                new ObjectMapper().createObjectNode(), List.of());
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

    /**
     * A sync route in miniature: one page, its batch stored in the background, then the "watermark" step once the batch
     * is stored. The store fails {@code failures} times with an I/O error (the database away); the route's error policy
     * retries the failing step up to 3 times, as policy-polling-sync does, and records the run as failed when that is
     * not enough.
     */
    private record Miniature(List<String[]> stored, AtomicInteger storeAttempts, List<String> watermarks, List<Integer> failedRunPages) {
    }

    private static Miniature runMiniature(int failures) throws Exception {
        Miniature m = new Miniature(new CopyOnWriteArrayList<>(), new AtomicInteger(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        try (CamelContext camel = new DefaultCamelContext()) {
            OrderBatches batches = new OrderBatches(camel.createProducerTemplate(), 1000, Duration.ofHours(1));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:store-order-batch").routeId("store-order-batch").errorHandler(noErrorHandler())
                            .process(e -> {
                                if (m.storeAttempts().incrementAndGet() <= failures) {
                                    throw new IOException("database unreachable");
                                }
                                m.stored().add((String[]) e.getProperty(OrderBatches.ORDER_ROWS, java.util.Map.class).get("marketplace_order_id"));
                            });
                    from("direct:sync").routeId("sync")
                            .onException(IOException.class).maximumRedeliveries(3).redeliveryDelay(0).handled(true)
                                .process(e -> {
                                    OrderBatches.settle(e);
                                    OrderBatches.giveBackUnstored(e);
                                    m.failedRunPages().add(e.getProperty("syncPages", 0, Integer.class));
                                })
                            .end()
                            .process(e -> e.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1"), order("2"))))
                            .bean(batches, "add")
                            .bean(batches, "store")
                            .bean(batches, "awaitStored")
                            .process(e -> m.watermarks().add("moved"));
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:sync", null);
        }
        return m;
    }

    @Test
    void aStoreStepRetriedAfterAnIoErrorStoresTheSameBatchAgainBeforeTheWatermarkMoves() throws Exception {
        Miniature m = runMiniature(2);
        assertThat(m.storeAttempts()).hasValue(3);
        assertThat(m.stored()).hasSize(1);
        assertThat(m.stored().get(0)).hasSize(2);
        assertThat(m.watermarks()).containsExactly("moved");
        assertThat(m.failedRunPages()).isEmpty();
    }

    @Test
    void aBatchThatStillCannotBeStoredFailsTheRunAndTheWatermarkStays() throws Exception {
        Miniature m = runMiniature(100);
        assertThat(m.storeAttempts()).hasValue(4);   // the first try and 3 retries
        assertThat(m.stored()).isEmpty();
        assertThat(m.watermarks()).isEmpty();
        assertThat(m.failedRunPages()).containsExactly(1);   // the unstored page still counts for the failed run
    }
}
