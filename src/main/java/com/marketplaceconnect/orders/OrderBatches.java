package com.marketplaceconnect.orders;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import static com.marketplaceconnect.sync.SyncProperties.API_CALLS;
import static com.marketplaceconnect.sync.SyncProperties.PAGES;
import static com.marketplaceconnect.sync.SyncProperties.THROTTLED;

/**
 * Stores the canonical orders of several pages with one statement: each page's orders are added to the current
 * batch, and a batch is stored once it holds {@code sync.store-batch-orders} orders, began
 * {@code sync.store-batch-max-age} ago, or its window has no more pages (the route decides). The age bound keeps a
 * slow run (pages waiting for rate-limit tokens) storing, and heart-beating, page by page as before. A batch is stored in the background (route {@code store-order-batch}: the upsert, then the
 * run's counters) while the next pages are fetched; at most one batch per run is being stored at a time, and the
 * route waits for it ({@link #awaitStored}) before the window's watermark moves. A batch that failed to store fails
 * the run at the next step that waits for it, with its own exception, so the run's error policy sees it as before.
 * The failed batch is kept until it is stored: when the error policy retries that step (an I/O error, e.g. the
 * database unreachable for a while), the same batch is stored again first, so a retried step can never pass over
 * orders that were fetched but not stored. The pages of a batch not yet stored when a run fails are simply fetched
 * again by the next run (the watermark has not moved).
 */
@Component("orderBatches")
public class OrderBatches {
    /** Set by a mapper: the page's canonical orders (List&lt;CanonicalOrder&gt;). */
    public static final String PAGE_ORDERS = "pageOrders";
    /** The batch being collected (OrderRows). */
    public static final String BATCH = "orderBatch";
    public static final String BATCH_ORDERS = "orderBatchOrders";
    /** System.nanoTime() when the batch's first page was added. */
    public static final String BATCH_STARTED = "orderBatchStarted";
    /** true once the batch holds sync.store-batch-orders orders, or began sync.store-batch-max-age ago. */
    public static final String BATCH_FULL = "orderBatchFull";
    /** The batch being stored in the background (CompletableFuture&lt;Exchange&gt;). */
    public static final String STORING = "orderBatchStoring";
    /** The batch whose store failed (its Exchange): stored again before anything else, or counted when the run fails. */
    public static final String FAILED = "orderBatchFailed";
    /** What the store step reads: the orders' column arrays (OrderRows.parameters()). */
    public static final String ORDER_ROWS = "orderRows";

    private static final String ROUTE = "direct:store-order-batch";

    private final ProducerTemplate producer;
    private final int maxOrders;
    private final Duration maxAge;
    private ExecutorService executor;

    public OrderBatches(ProducerTemplate producer, @Value("${sync.store-batch-orders:1000}") int maxOrders,
                        @Value("${sync.store-batch-max-age:PT5S}") Duration maxAge) {
        this.producer = producer;
        this.maxOrders = Math.max(1, maxOrders);
        this.maxAge = maxAge;
    }

    /** Route step after each page: its orders join the batch, and the page counts as fetched. */
    @SuppressWarnings("unchecked")
    public void add(Exchange exchange) throws Exception {
        List<CanonicalOrder> page = exchange.getProperty(PAGE_ORDERS, List.class);
        OrderRows batch = exchange.getProperty(BATCH, OrderRows.class);
        if (batch == null) {
            batch = new OrderRows();
            exchange.setProperty(BATCH, batch);
            exchange.setProperty(BATCH_STARTED, System.nanoTime());
        }
        for (CanonicalOrder order : page == null ? List.<CanonicalOrder>of() : page) {
            batch.add(order);
        }
        int orders = batch.orders();
        exchange.removeProperty(PAGE_ORDERS);
        exchange.setProperty(BATCH_ORDERS, orders);
        exchange.setProperty(PAGES, exchange.getProperty(PAGES, 0, Integer.class) + 1);
        long age = System.nanoTime() - exchange.getProperty(BATCH_STARTED, Long.class);
        exchange.setProperty(BATCH_FULL, orders >= maxOrders || age >= maxAge.toNanos());
    }

    /**
     * Route step: waits for the batch stored before (its failure fails this step), then hands the current batch and
     * the calls that fetched it to route store-order-batch in the background, and starts a new batch.
     */
    public void store(Exchange exchange) throws Exception {
        awaitStored(exchange);
        OrderRows batch = exchange.getProperty(BATCH, OrderRows.class);
        // A new exchange with the run's properties (account, run, counters, logging keys), not a copy: a copy would
        // share the sync route's unit of work with a thread that is not the route's.
        Exchange job = new DefaultExchange(exchange.getContext());
        job.getProperties().putAll(exchange.getProperties());
        job.setProperty(ORDER_ROWS, (batch == null ? new OrderRows() : batch).parameters());
        job.removeProperty(BATCH);
        job.removeProperty(STORING);
        job.removeProperty(FAILED);
        exchange.removeProperty(BATCH);
        exchange.setProperty(BATCH_ORDERS, 0);
        exchange.setProperty(BATCH_FULL, false);
        // The job's counters go to the run with the batch (SyncRuns.recordPage); from here on they count anew.
        exchange.setProperty(PAGES, 0);
        exchange.setProperty(API_CALLS, 0);
        exchange.setProperty(THROTTLED, 0);
        exchange.setProperty(STORING, submit(job));
    }

    private CompletableFuture<Exchange> submit(Exchange job) {
        return CompletableFuture.supplyAsync(() -> producer.send(ROUTE, job), executor());
    }

    /**
     * Threads that store batches, outside the sync route's thread (and Camel's routing of it): as many as runs
     * storing at once, each run waiting for its batch before it hands over the next.
     */
    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = producer.getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "store-order-batch");
        }
        return executor;
    }

    /**
     * Route step: returns once the batch being stored (if any) is committed; rethrows its failure. A batch that failed
     * before (this is the error policy retrying the step) is stored again first, with the same orders and counters.
     */
    public void awaitStored(Exchange exchange) throws Exception {
        Exchange failed = exchange.getProperty(FAILED, Exchange.class);
        if (failed != null && exchange.getProperty(STORING) == null) {
            exchange.removeProperty(FAILED);
            Exchange again = new DefaultExchange(exchange.getContext());
            again.getProperties().putAll(failed.getProperties());
            exchange.setProperty(STORING, submit(again));
        }
        Exchange done = settle(exchange);
        if (done != null && done.getException() != null) {
            throw done.getException();
        }
    }

    /**
     * Waits for the batch being stored, if any, and returns its exchange. A batch that failed stays on the run's
     * exchange ({@link #FAILED}): the next {@link #awaitStored} stores it again, or {@link #giveBackUnstored} counts
     * it for a run that fails.
     */
    @SuppressWarnings("unchecked")
    public static Exchange settle(Exchange exchange) throws InterruptedException {
        CompletableFuture<Exchange> storing = exchange.getProperty(STORING, CompletableFuture.class);
        if (storing == null) {
            return null;
        }
        exchange.removeProperty(STORING);
        Exchange done;
        try {
            done = storing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Storing a batch of orders failed", e.getCause());
        }
        if (done.getException() != null) {
            exchange.setProperty(FAILED, done);
        }
        return done;
    }

    /**
     * For a run that fails: the pages and calls of a batch that could not be stored were not recorded; they are given
     * back to the run's exchange, so that the failed run still counts them. The batch itself is dropped (the
     * watermark has not moved: the next run fetches those pages again).
     */
    public static void giveBackUnstored(Exchange exchange) {
        Exchange failed = exchange.getProperty(FAILED, Exchange.class);
        if (failed == null) {
            return;
        }
        exchange.removeProperty(FAILED);
        for (String counter : List.of(PAGES, API_CALLS, THROTTLED)) {
            exchange.setProperty(counter, exchange.getProperty(counter, 0, Integer.class) + failed.getProperty(counter, 0, Integer.class));
        }
    }
}
