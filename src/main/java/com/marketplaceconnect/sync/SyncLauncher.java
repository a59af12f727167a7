package com.marketplaceconnect.sync;

import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.operations.OperationsMdc;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** "Sync Orders": starts a run now (the database lock says whether one may) and lets the route work in the background. */
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
        String endpoint = "direct:" + account.marketplace().name().toLowerCase(Locale.ROOT) + "-sync-account";
        // The run's log lines carry the correlation id of the request that started it (read here: the route runs elsewhere).
        String correlationId = OperationsMdc.currentCorrelationId();
        producer.asyncSend(endpoint, exchange -> {
            exchange.setProperty(SyncProperties.ACCOUNT_ID, account.id());
            exchange.setProperty(SyncProperties.TRIGGER, trigger.name());
            exchange.setProperty(SyncProperties.RUN_ID, runId);
            exchange.setProperty(SyncProperties.MARKETPLACE, account.marketplace().name());
            if (correlationId != null) {
                exchange.setProperty(SyncProperties.CORRELATION_ID, correlationId);
            }
        });
        return runId;
    }
}
