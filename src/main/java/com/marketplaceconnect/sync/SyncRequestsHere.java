package com.marketplaceconnect.sync;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import static com.marketplaceconnect.sync.SyncProperties.ACCOUNT_ID;
import static com.marketplaceconnect.sync.SyncProperties.RUN_ID;

/**
 * Sync requests that Kafka cannot take are worked on this instance (routes/sync-requests.yaml, dispatch-sync-request):
 * publishing waits at most {@code sync.requests.publish-timeout-ms}; when it fails, the request goes to this
 * instance's own workers ({@code sync.parallel-accounts} threads) instead of being lost, and for
 * {@code sync.requests.kafka-retry-after} the next requests go there at once, without waiting for the broker again.
 * The database lock (SyncRuns.begin) still makes sure no account is synced twice at once, whichever way its request
 * came. Requests queued here live in memory: a crash loses them like an unfinished run, and the next cycle syncs the
 * account again.
 */
@Component("syncRequestsHere")
public class SyncRequestsHere {
    private static final Logger log = LoggerFactory.getLogger(SyncRequestsHere.class);
    private static final String ROUTE = "direct:sync-request";

    private final ProducerTemplate producer;
    private final int threads;
    private final Duration retryAfter;
    /** Accounts with a scheduled request waiting here: a second one for the same account would find it busy anyway. */
    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();
    /** System.nanoTime() until which requests skip Kafka; 0 = Kafka is tried. */
    private volatile long kafkaAwayUntil;
    private ExecutorService executor;

    public SyncRequestsHere(ProducerTemplate producer, @Value("${sync.parallel-accounts}") int threads,
                            @Value("${sync.requests.kafka-retry-after:PT1M}") Duration retryAfter) {
        this.producer = producer;
        this.threads = Math.max(1, threads);
        this.retryAfter = retryAfter;
    }

    /** Route step (choice): true while a recent publish failed; the request then goes to this instance directly. */
    public boolean kafkaAway() {
        long until = kafkaAwayUntil;
        return until != 0 && System.nanoTime() - until < 0;
    }

    /** Route step (doCatch): publishing the request failed; the next requests skip Kafka for a while. */
    public void publishFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        kafkaAwayUntil = System.nanoTime() + retryAfter.toNanos();
        log.warn("Kafka did not take the sync request for account {} ({}): it is synced on this instance; sync requests go "
                        + "to this instance without trying Kafka for the next {} s", exchange.getProperty(ACCOUNT_ID),
                SyncErrors.describe(cause), retryAfter.toSeconds());
    }

    /**
     * Route step: hands the request (body: its JSON, as on the topic) to this instance's workers. A scheduled request
     * for an account that already has one waiting here is dropped; a request carrying a run is always queued (its run
     * must be worked on or it stays RUNNING until stale).
     */
    public void submit(Exchange exchange) {
        long accountId = exchange.getProperty(ACCOUNT_ID, Long.class);
        boolean carriesRun = exchange.getProperty(RUN_ID) != null;
        if (!carriesRun && !waiting.add(accountId)) {
            log.info("A sync request for account {} is already waiting on this instance: this one is dropped", accountId);
            return;
        }
        String request = exchange.getMessage().getBody(String.class);
        try {
            executor().execute(() -> {
                if (!carriesRun) {
                    waiting.remove(accountId);
                }
                producer.send(ROUTE, job -> job.getMessage().setBody(request));
            });
        } catch (RuntimeException refused) {   // e.g. the service is stopping
            if (!carriesRun) {
                waiting.remove(accountId);
            }
            throw refused;
        }
        log.info("Sync request for account {} queued on this instance", accountId);
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = producer.getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "sync-requests-here", threads);
        }
        return executor;
    }
}
