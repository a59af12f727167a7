package com.marketplaceconnect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MarketplaceConnectApplication {

    public static void main(String[] args) {
        SpringApplication.run(MarketplaceConnectApplication.class, args);
    }

    /** Every "now" of the service; tests share a movable clock with the sandbox. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bounded parallelism of a sync cycle: how many accounts are synced at once (sync.parallel-accounts). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService accountSyncExecutor(@org.springframework.beans.factory.annotation.Value("${sync.parallel-accounts:4}") int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "account-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
