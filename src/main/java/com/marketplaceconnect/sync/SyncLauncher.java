package com.marketplaceconnect.sync;

import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.operations.OperationsMdc;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * "Sync Orders": starts a run now (the database lock says whether one may) and queues a sync request carrying its
 * run id, which whichever instance consumes it works on, the same way as a scheduled one. When Kafka cannot take the
 * request in time (sync.requests.publish-timeout-ms), this instance works on it itself (seda:sync-requests-here): the answer
 * is the same 202 with the run id either way.
 */
@Component
public class SyncLauncher {
    private final SyncRuns runs;
    private final ProducerTemplate producer;

    public SyncLauncher(SyncRuns runs, ProducerTemplate producer) {
        this.runs = runs;
        this.producer = producer;
    }

    public long launch(SellerAccount account, SyncTrigger trigger) {
        if (account.status() != AccountStatus.CONNECTED) {
            throw new IllegalStateException("Account " + account.id() + " is " + account.status()
                    + (account.statusReason() == null ? "" : " (" + account.statusReason() + ")") + ": it cannot be synced until it is connected again");
        }
        long runId = runs.start(account.id(), trigger);
        // The run's log lines carry the correlation id of the request that started it (it travels with the request).
        String correlationId = OperationsMdc.currentCorrelationId();
        Exchange sent = producer.send("direct:dispatch-sync-request", exchange -> {
            exchange.setProperty(SyncProperties.ACCOUNT_ID, account.id());
            exchange.setProperty(SyncProperties.TRIGGER, trigger.name());
            exchange.setProperty(SyncProperties.RUN_ID, runId);
            exchange.setProperty(SyncProperties.MARKETPLACE, account.marketplace());
            if (correlationId != null) {
                exchange.setProperty(SyncProperties.CORRELATION_ID, correlationId);
            }
        });
        if (sent.getException() != null) {
            // Neither Kafka nor this instance took the request (e.g. the service is stopping): nobody will work on this
            // run, so the account's lock is released at once instead of waiting for it to go stale.
            String reason = "The sync request could not be queued: " + SyncErrors.describe(sent.getException());
            runs.abort(runId, reason);
            throw new SyncNotQueuedException(reason, sent.getException());
        }
        return runId;
    }
}
