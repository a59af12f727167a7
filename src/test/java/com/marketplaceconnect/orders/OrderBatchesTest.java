package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a batch counts as full, and what a retried store step does (the routes of routes/store-orders.yaml, the
 * database replaced); storing and the watermark are covered against PostgreSQL by AmazonOrderSyncTest.
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
    void aBatchIsFullOnceItHoldsEnoughOrders() {
        OrderBatches batches = new OrderBatches(3, Duration.ofHours(1));
        Exchange exchange = exchange();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1"), order("2")));
        batches.add(exchange, "syncPages");
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isFalse();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("3")));
        batches.add(exchange, "syncPages");
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isTrue();
        assertThat(exchange.getProperty("syncPages", Integer.class)).isEqualTo(2);
        assertThat(exchange.getProperty(OrderBatches.BATCH, OrderBatches.Batch.class).orders()).isEqualTo(3);
    }

    @Test
    void aBatchIsFullOnceItsFirstPageIsOlderThanTheMaximumAge() {
        OrderBatches batches = new OrderBatches(1000, Duration.ZERO);
        Exchange exchange = exchange();
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1")));
        batches.add(exchange, "syncPages");
        assertThat(exchange.getProperty(OrderBatches.BATCH_FULL, Boolean.class)).isTrue();
    }

    @Test
    void theCountersGoWithTheBatchAndCountAnew() {
        OrderBatches batches = new OrderBatches(1000, Duration.ofHours(1));
        Exchange exchange = exchange();
        exchange.setProperty("syncApiCalls", 3);
        exchange.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1")));
        batches.add(exchange, "syncPages");

        batches.handedOver(exchange, "syncPages,syncApiCalls");

        assertThat(exchange.getProperty("syncPages", Integer.class)).isZero();
        assertThat(exchange.getProperty("syncApiCalls", Integer.class)).isZero();
        assertThat(exchange.getProperty(OrderBatches.BATCH)).isNull();
        assertThat(exchange.getProperty(OrderBatches.STORING)).isNotNull();
    }

    /** The sync's stand-in for SyncRuns.recordPage: the counters each stored batch carried. */
    public static final class RecordedRuns {
        final List<Integer> pages = new CopyOnWriteArrayList<>();

        public void recordPage(Exchange exchange) {
            pages.add(exchange.getProperty("syncPages", Integer.class));
        }
    }

    /**
     * A sync route in miniature with the real store routes: one page, its batch stored in the background, then the
     * "watermark" step once the batch is stored. The store fails {@code failures} times with an I/O error (the
     * database away); the route's error policy retries the failing step up to 3 times, as policy-polling-sync does,
     * and records the run as failed when that is not enough.
     */
    private record Miniature(List<List<String>> stored, AtomicInteger storeAttempts, List<String> watermarks,
                             List<Integer> failedRunPages, RecordedRuns runs) {
    }

    private static Miniature runMiniature(int failures) throws Exception {
        Miniature m = new Miniature(new CopyOnWriteArrayList<>(), new AtomicInteger(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>(), new RecordedRuns());
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("orderBatches", new OrderBatches(1000, Duration.ofHours(1)));
            camel.getRegistry().bind("syncRuns", m.runs());
            camel.addRoutes(new RouteConfigurationBuilder() {
                @Override
                public void configuration() {
                    routeConfiguration("shared-step").errorHandler(noErrorHandler());
                }
            });
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    PluginHelper.getResourceLoader(camel).resolveResource("file:routes/store-orders.yaml"));
            AdviceWith.adviceWith(camel, "store-orders", route -> route.weaveByToUri("sql:*").replace().process(e -> {
                if (m.storeAttempts().incrementAndGet() <= failures) {
                    throw new IOException("database unreachable");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> rows = e.getProperty(OrderBatches.ORDER_ROWS, Map.class);
                m.stored().add(List.of((String[]) rows.get("marketplace_order_id")));
                e.getMessage().setBody(Map.of("inserted", 2, "updated", 0));
            }));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:sync").routeId("sync")
                            .onException(IOException.class).maximumRedeliveries(3).redeliveryDelay(0).handled(true)
                                .process(e -> {
                                    OrderBatches.settle(e);
                                    OrderBatches.giveBackUnstored(e);
                                    m.failedRunPages().add(e.getProperty("syncPages", 0, Integer.class));
                                })
                            .end()
                            .process(e -> e.setProperty(OrderBatches.PAGE_ORDERS, List.of(order("1"), order("2"))))
                            .bean("orderBatches", "add(*, 'syncPages')")
                            .to("direct:store-order-batch-in-background")
                            .to("direct:await-order-batches")
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
        assertThat(m.stored()).containsExactly(List.of("1", "2"));
        assertThat(m.runs().pages).containsExactly(1);   // the page is recorded once, with the batch that stored it
        assertThat(m.watermarks()).containsExactly("moved");
        assertThat(m.failedRunPages()).isEmpty();
    }

    @Test
    void aBatchThatStillCannotBeStoredFailsTheRunAndTheWatermarkStays() throws Exception {
        Miniature m = runMiniature(100);
        assertThat(m.storeAttempts()).hasValue(4);   // the first try and 3 retries
        assertThat(m.stored()).isEmpty();
        assertThat(m.runs().pages).isEmpty();
        assertThat(m.watermarks()).isEmpty();
        assertThat(m.failedRunPages()).containsExactly(1);   // the unstored page still counts for the failed run
    }
}
