package com.marketplaceconnect.amazon;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component "amazonApp": DOWN while Login with Amazon refuses the app's own client credentials
 * (invalid_client, i.e. the client secret must be rotated, which Amazon requires every 180 days). No account can
 * be synced or connected until an operator sets the new secret; the detail says exactly that.
 */
@Component
public class AmazonAppHealthIndicator implements HealthIndicator {
    private final LwaTokens lwa;

    public AmazonAppHealthIndicator(LwaTokens lwa) {
        this.lwa = lwa;
    }

    @Override
    public Health health() {
        String problem = lwa.appCredentialProblem();
        return problem == null ? Health.up().build() : Health.down().withDetail("problem", problem).build();
    }
}
