package com.marketplaceconnect.orders;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Batches of canonical orders that a sync stores with one statement each, in the background while it fetches the next
 * pages (routes/store-orders.yaml: store-order-batch-in-background, store-order-batch, await-order-batches).
 * <p>
 * Each page's orders join the run's current batch ({@link #add}); the batch counts as full once it holds
 * {@code sync.store-batch-orders} orders or began {@code sync.store-batch-max-age} ago (the age bound keeps a slow run,
 * pages waiting for rate-limit tokens, storing and heart-beating page by page). The route then hands it over: a copy of
 * the run's exchange goes to the store (a wireTap), carrying the batch and the run's counters for the pages and calls
 * that fetched it, and the run starts a new batch and counts anew ({@link #handedOver}). At most one batch per run is
 * being stored: the route waits for it ({@link #awaitStored}) before handing over the next and before the watermark
 * moves.
 * <p>
 * A batch whose store failed fails the step that waits for it, with its own exception, so the run's error policy sees
 * it as before. Its orders and counters are given back to the run: when the policy retries that step (an I/O error,
 * e.g. the database unreachable for a while), they are handed over again with the next batch, so a retried step can
 * never pass over orders that were fetched but not stored; when the run fails, its counters still count. The pages of
 * a batch not stored when a run fails are fetched again by the next run (the watermark has not moved).
 * <p>
 * Which exchange properties are the run's counters is the route's to say (bean parameters): this class knows orders,
 * not sync runs.
 */
@Component("orderBatches")
public class OrderBatches {
    /** Set by a mapper: the page's canonical orders (List&lt;CanonicalOrder&gt;). */
    public static final String PAGE_ORDERS = "pageOrders";
    /** The run's current batch ({@link Batch}); on the store's copy, the batch being stored. */
    public static final String BATCH = "orderBatch";
    /** true once the current batch holds sync.store-batch-orders orders, or began sync.store-batch-max-age ago. */
    public static final String BATCH_FULL = "orderBatchFull";
    /** The batch handed over and not yet waited for ({@link Batch}). */
    public static final String STORING = "orderBatchStoring";
    /** A batch whose store failed, not yet given back to the run ({@link Batch}). */
    public static final String FAILED = "orderBatchFailed";
    /** What the store step (direct:store-orders) reads: the orders' column arrays (OrderRows.parameters()). */
    public static final String ORDER_ROWS = "orderRows";

    private final int maxOrders;
    private final Duration maxAge;

    public OrderBatches(@Value("${sync.store-batch-orders:1000}") int maxOrders,
                        @Value("${sync.store-batch-max-age:PT5S}") Duration maxAge) {
        this.maxOrders = Math.max(1, maxOrders);
        this.maxAge = maxAge;
    }

    /**
     * Orders of one or more pages stored together: their column arrays, when the first page came, the run's counters
     * that go with them once handed over, and how their store ended.
     */
    public static final class Batch {
        private final OrderRows rows = new OrderRows();
        private final long startedNanos;
        private final CompletableFuture<Void> stored = new CompletableFuture<>();
        private final Map<String, Integer> counters = new LinkedHashMap<>();

        Batch(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        /** The statement's parameters (the store route's orderRows). */
        public Map<String, Object> parameters() {
            return rows.parameters();
        }

        public int orders() {
            return rows.orders();
        }
    }

    /** Route step after each page: its orders join the run's batch, and the page counts in {@code pageCounter}. */
    @SuppressWarnings("unchecked")
    public void add(Exchange exchange, String pageCounter) {
        List<CanonicalOrder> page = exchange.getProperty(PAGE_ORDERS, List.class);
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        if (batch == null) {
            batch = new Batch(System.nanoTime());
            exchange.setProperty(BATCH, batch);
        }
        for (CanonicalOrder order : page == null ? List.<CanonicalOrder>of() : page) {
            batch.rows.add(order);
        }
        exchange.removeProperty(PAGE_ORDERS);
        count(exchange, pageCounter, 1);
        exchange.setProperty(BATCH_FULL, full(batch));
    }

    private static void count(Exchange exchange, String counter, int more) {
        exchange.setProperty(counter, exchange.getProperty(counter, 0, Integer.class) + more);
    }

    private boolean full(Batch batch) {
        return batch.orders() >= maxOrders || System.nanoTime() - batch.startedNanos >= maxAge.toNanos();
    }

    /**
     * Route step right after the batch went to the store (with a copy of the exchange): the batch is now the one being
     * stored, and the run's {@code counters} (comma-separated property names), which went with it, count anew from 0.
     */
    public void handedOver(Exchange exchange, String counters) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        if (batch == null) {
            throw new IllegalStateException("No batch of orders was handed over");
        }
        for (String counter : counters.split(",")) {
            String name = counter.trim();
            batch.counters.put(name, exchange.getProperty(name, 0, Integer.class));
            exchange.setProperty(name, 0);
        }
        exchange.removeProperty(BATCH);
        exchange.setProperty(BATCH_FULL, false);
        exchange.setProperty(STORING, batch);
    }

    /** Store route step (on the store's copy), once the batch is committed and recorded: the run may go on. */
    public void stored(Exchange exchange) {
        exchange.getProperty(BATCH, Batch.class).stored.complete(null);
    }

    /** Store route step (on the store's copy) when storing failed: the run's next wait fails with the same exception. */
    public void storeFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getProperty(BATCH, Batch.class).stored.completeExceptionally(
                failure != null ? failure : new IllegalStateException("Storing a batch of orders failed"));
    }

    /**
     * Route step: returns once the batch being stored (if any) is committed. If it failed, its orders and counters are
     * given back to the run and its exception is thrown.
     */
    public void awaitStored(Exchange exchange) throws Exception {
        Throwable failure = settle(exchange);
        giveBackUnstored(exchange);
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("Storing a batch of orders failed", failure);
        }
    }

    /**
     * Waits for the batch being stored, if any; returns why it failed (it is then kept as {@link #FAILED} until
     * {@link #giveBackUnstored}), or null.
     */
    public static Throwable settle(Exchange exchange) throws InterruptedException {
        Batch storing = exchange.getProperty(STORING, Batch.class);
        if (storing == null) {
            return null;
        }
        exchange.removeProperty(STORING);
        try {
            storing.stored.get();
            return null;
        } catch (ExecutionException e) {
            exchange.setProperty(FAILED, storing);
            return e.getCause();
        }
    }

    /**
     * A batch that could not be stored goes back to the run: its counters are added to the run's (a run that fails
     * still counts those pages and calls), and its orders rejoin the current batch, ahead of its own, to be handed over
     * again with it.
     */
    public static void giveBackUnstored(Exchange exchange) {
        Batch failed = exchange.getProperty(FAILED, Batch.class);
        if (failed == null) {
            return;
        }
        exchange.removeProperty(FAILED);
        failed.counters.forEach((counter, value) -> count(exchange, counter, value));
        Batch current = exchange.getProperty(BATCH, Batch.class);
        Batch again = new Batch(failed.startedNanos);
        again.rows.addAll(failed.rows);
        if (current != null) {
            again.rows.addAll(current.rows);
        }
        exchange.setProperty(BATCH, again);
    }
}
