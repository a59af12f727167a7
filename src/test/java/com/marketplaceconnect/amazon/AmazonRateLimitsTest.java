package com.marketplaceconnect.amazon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmazonRateLimitsTest {
    private static AmazonRateLimits limits() {
        return new AmazonRateLimits(new AmazonProperties(null, null, null, null,
                new AmazonProperties.RateLimits(true, 1.0, new AmazonProperties.Plan(0.0056, 20), new AmazonProperties.Plan(2.0, 10))));
    }

    @Test
    void aBucketStartsFullAndEachCallTakesOneToken() throws InterruptedException {
        AmazonRateLimits limits = limits();
        assertThat(limits.availableTokens(7, "searchOrders")).isEqualTo(20);
        limits.acquire(7, "searchOrders", new AmazonProperties.Plan(0.0056, 20));
        limits.acquire(7, "searchOrders", new AmazonProperties.Plan(0.0056, 20));
        assertThat(limits.availableTokens(7, "searchOrders")).isEqualTo(18);
    }

    @Test
    void a429EmptiesTheClientsBucketSoTheRetryWaitsForTheMarketplacesRefill() throws InterruptedException {
        AmazonRateLimits limits = limits();
        limits.acquire(7, "searchOrders", new AmazonProperties.Plan(0.0056, 20));
        limits.acquire(8, "searchOrders", new AmazonProperties.Plan(0.0056, 20));

        limits.searchOrdersThrottled(7);

        assertThat(limits.availableTokens(7, "searchOrders")).isZero();
        assertThat(limits.availableTokens(8, "searchOrders")).isEqualTo(19);
        limits.searchOrdersThrottled(9);   // never used: nothing to empty, no bucket made
        assertThat(limits.availableTokens(9, "searchOrders")).isEqualTo(20);
    }

    @Test
    void theFirstAnsweredCallReAnchorsTheBucketOnlyOnce() throws InterruptedException {
        AmazonRateLimits limits = limits();
        AmazonProperties.Plan plan = new AmazonProperties.Plan(0.0056, 20);
        limits.acquire(7, "searchOrders", plan);
        limits.acquire(7, "searchOrders", plan);   // a retry before the first answer

        limits.answered(7, "searchOrders", plan);
        assertThat(limits.availableTokens(7, "searchOrders")).isEqualTo(19);

        limits.acquire(7, "searchOrders", plan);
        limits.answered(7, "searchOrders", plan);
        assertThat(limits.availableTokens(7, "searchOrders")).isEqualTo(18);
        limits.answered(8, "searchOrders", plan);   // no call yet: no bucket made
        assertThat(limits.availableTokens(8, "searchOrders")).isEqualTo(20);
    }
}
