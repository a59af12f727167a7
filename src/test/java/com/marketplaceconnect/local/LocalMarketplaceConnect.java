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
        SpringApplication.from(MarketplaceConnectApplication::main)
                .with(LocalConfiguration.class)
                .withAdditionalProfiles("local")
                .run(args);
    }
}
