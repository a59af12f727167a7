package com.marketplaceconnect.local;

import com.marketplaceconnect.MarketplaceConnectApplication;
import org.springframework.boot.SpringApplication;

/**
 * The local run, {@code mvn spring-boot:test-run} (the pom names this class for it): the product's own main with
 * {@link LocalConfiguration} and the {@code local} profile (config/application-local.yaml), on the test classpath.
 * Runs from an IDE the same way, from the project directory (config/ and routes/ are read from there).
 */
public final class LocalMarketplaceConnect {

    private LocalMarketplaceConnect() {
    }

    public static void main(String[] args) {
        var running = SpringApplication.from(MarketplaceConnectApplication::main)
                .with(LocalConfiguration.class)
                .withAdditionalProfiles("local")
                .run(args);
        // Last, once everything has started and the demo sellers are connected: where everything is.
        LocalBanner.print(running.getApplicationContext());
        // Ctrl-C or SIGTERM is the way a local run ends: close the service in order (routes, then the embedded broker
        // and database) and exit 0, instead of the JVM's 143/130 for a signal, which Maven reports as a failure.
        sun.misc.SignalHandler stop = signal -> System.exit(SpringApplication.exit(running.getApplicationContext()));
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
    }
}
