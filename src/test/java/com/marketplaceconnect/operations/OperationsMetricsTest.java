package com.marketplaceconnect.operations;

import com.marketplaceconnect.amazon.AmazonMarketplace;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /actuator/prometheus: Camel's and the service's own metrics, behind the operator login. */
class OperationsMetricsTest extends IntegrationTest {
    private static final String PATH = "/orders/2026-01-01/orders";
    private static final String IN = "A21TJRUUN4KGV";

    @Autowired
    SyncLagMetrics lagMetrics;

    @Autowired
    OperationsMetrics metrics;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    private Operator operator() {
        return new Operator(baseUrl());
    }

    private long connect(int orders) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, orders, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        Api.Response response = new Api(baseUrl()).post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of(AmazonMarketplace.byId(IN).orElseThrow().name()), "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private String syncNow(long accountId) {
        Api.Response response = new Api(baseUrl()).post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(status(runId)));
        return status(runId);
    }

    private String status(long runId) {
        return jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId);
    }

    @Test
    void prometheusNeedsTheOperatorLogin() {
        assertThat(operator().getAnonymously("/actuator/prometheus").statusCode()).isEqualTo(401);
        var apiKey = Operator.send(operator().request("/actuator/prometheus").header("Authorization", "Bearer " + Api.KEY).GET());
        assertThat(apiKey.statusCode()).isEqualTo(401);
        var scrape = operator().get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE jvm_threads_live_threads gauge", "# TYPE camel_exchanges_total counter");
    }

    @Test
    void aSyncCountsItsOrdersCallsThrottlingAndDurationAndCamelItsExchanges() {
        Operator op = operator();
        double inserted = op.sample("mc_sync_orders_total", "marketplace", "AMAZON", "change", "inserted");
        double ok = op.sample("mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders", "status", "200");
        double throttledCalls = op.sample("mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders", "status", "429");
        double throttled = op.sample("mc_marketplace_api_throttled_total", "marketplace", "AMAZON", "operation", "searchOrders");
        double runs = op.sample("mc_sync_duration_seconds_count", "marketplace", "AMAZON", "outcome", "succeeded");
        double tokens = op.sample("mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "lwaToken", "status", "200");

        long account = connect(150);   // two pages of 100
        SANDBOX.faults().add(FaultRule.throttle(PATH, 1));
        assertThat(syncNow(account)).isEqualTo("SUCCEEDED");

        String scrape = op.get("/actuator/prometheus").body();
        assertThat(Operator.sampleIn(scrape, "mc_sync_orders_total", "marketplace", "AMAZON", "change", "inserted") - inserted).isEqualTo(150);
        assertThat(Operator.sampleIn(scrape, "mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders",
                "status", "200") - ok).isEqualTo(2);
        assertThat(Operator.sampleIn(scrape, "mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders",
                "status", "429") - throttledCalls).isEqualTo(1);
        assertThat(Operator.sampleIn(scrape, "mc_marketplace_api_throttled_total", "marketplace", "AMAZON", "operation", "searchOrders")
                - throttled).isEqualTo(1);
        assertThat(Operator.sampleIn(scrape, "mc_sync_duration_seconds_count", "marketplace", "AMAZON", "outcome", "succeeded") - runs)
                .isEqualTo(1);
        assertThat(Operator.sampleIn(scrape, "mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "lwaToken",
                "status", "200") - tokens).isGreaterThanOrEqualTo(1);
        // camel-micrometer: the routes' own timers.
        assertThat(Operator.sampleIn(scrape, "camel_exchanges_total", "routeId", "amazon-sync-account")).isPositive();
        assertThat(scrape).contains("camel_route_policy_seconds_count{");
    }

    @Test
    void aFailedRunIsTimedUnderItsOutcome() {
        Operator op = operator();
        double failed = op.sample("mc_sync_duration_seconds_count", "marketplace", "AMAZON", "outcome", "failed");
        double errors = op.sample("mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders", "status", "503");
        long account = connect(5);
        SANDBOX.faults().add(FaultRule.status(PATH, 503, -1));
        assertThat(syncNow(account)).isEqualTo("FAILED");

        String scrape = op.get("/actuator/prometheus").body();
        assertThat(Operator.sampleIn(scrape, "mc_sync_duration_seconds_count", "marketplace", "AMAZON", "outcome", "failed") - failed).isEqualTo(1);
        // The first call and every retry (test.properties: 3 redeliveries).
        assertThat(Operator.sampleIn(scrape, "mc_marketplace_api_calls_total", "marketplace", "AMAZON", "operation", "searchOrders",
                "status", "503") - errors).isEqualTo(4);
    }

    @Test
    void syncLagIsNowMinusTheWatermarkPerAccountAndMarketplaceAndGrowsUntilTheNextSync() {
        long account = connect(3);
        lagMetrics.refresh();
        Operator op = operator();
        // Not synced yet: the lag counts from when the marketplace was enabled.
        assertThat(op.sample("mc_sync_lag_seconds", "account_id", String.valueOf(account), "marketplace", "AMAZON",
                "marketplace_code", "IN")).isGreaterThanOrEqualTo(0);

        assertThat(syncNow(account)).isEqualTo("SUCCEEDED");
        lagMetrics.refresh();
        Instant watermark = jdbc.queryForObject("select watermark from sync_cursor where account_id = ? and marketplace_code = 'IN'",
                Timestamp.class, account).toInstant();
        double lag = op.sample("mc_sync_lag_seconds", "account_id", String.valueOf(account), "marketplace_code", "IN");
        assertThat(lag).isEqualTo(Duration.between(watermark, CLOCK.instant()).toSeconds());
        assertThat(lag).isEqualTo(120);   // the watermark is now - 2 min (Amazon's updated-before lag)

        // No sync for an hour: the gauge grows without a refresh (the watermark is cached, the clock is read on scrape).
        CLOCK.advance(Duration.ofHours(1));
        assertThat(op.sample("mc_sync_lag_seconds", "account_id", String.valueOf(account), "marketplace_code", "IN"))
                .isEqualTo(lag + 3600);

        // Accounts by status.
        assertThat(op.sample("mc_accounts", "marketplace", "AMAZON", "status", "CONNECTED")).isGreaterThanOrEqualTo(1);

        // A disconnected account has no lag to alarm on.
        assertThat(new Api(baseUrl()).delete("/api/accounts/" + account).status()).isIn(200, 204);
        lagMetrics.refresh();
        assertThat(op.get("/actuator/prometheus").body()).doesNotContain("account_id=\"" + account + "\"");
    }

    @Test
    void theHooksForPushesAndDeadLettersShowInPrometheus() {
        Operator op = operator();
        double pushed = op.sample("mc_push_total", "marketplace", "AMAZON", "outcome", "PUSHED");
        double dead = op.sample("mc_dead_letters_total", "source", "shipments.events");
        metrics.pushOutcome("AMAZON", "PUSHED");
        metrics.pushCompleted(42, "AMAZON", "PUSHED", 2, Duration.ofMillis(120));
        metrics.deadLettered("shipments.events");
        metrics.deadLetterBacklog("test.backlog", () -> 7);

        String scrape = op.get("/actuator/prometheus").body();
        assertThat(Operator.sampleIn(scrape, "mc_push_total", "marketplace", "AMAZON", "outcome", "PUSHED") - pushed).isEqualTo(2);
        assertThat(Operator.sampleIn(scrape, "mc_push_duration_seconds_count", "marketplace", "AMAZON", "outcome", "PUSHED")).isPositive();
        assertThat(Operator.sampleIn(scrape, "mc_dead_letters_total", "source", "shipments.events") - dead).isEqualTo(1);
        assertThat(Operator.sampleIn(scrape, "mc_dead_letters_pending", "source", "test.backlog")).isEqualTo(7);
    }
}
