package com.marketplaceconnect.reliability;

import com.marketplaceconnect.sandbox.FaultKind;
import com.marketplaceconnect.sandbox.FaultRule;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox answers about 20% of calls with 500, 503, 429, malformed JSON or a dropped connection (what a timeout
 * ends in): syncs end with every order stored exactly once; pushes end PUSHED (exactly one confirmation at Amazon) or
 * DEAD with a reason. And one revoked authorization among many accounts: that one NEEDS_REAUTH, the others sync.
 */
@ExtendWith(OutputCaptureExtension.class)
class MarketplaceFaultsTest extends ReliabilityTestSupport {
    private static final FaultKind[] KINDS = {FaultKind.HTTP_500, FaultKind.HTTP_503, FaultKind.THROTTLE_429,
            FaultKind.MALFORMED_JSON, FaultKind.CLOSE_CONNECTION};

    @Autowired
    ProducerTemplate camel;

    /** About 20% of the calls under each prefix fail, spread over the five kinds (1 - 0.955^5 = 20.6%). */
    private static void twentyPercentFaults(String... prefixes) {
        for (String prefix : prefixes) {
            for (FaultKind kind : KINDS) {
                SANDBOX.faults().add(FaultRule.randomly(prefix, kind, 0.045));
            }
        }
    }

    /** Calls since {@code fromIndex} that the sandbox answered with an error status or a dropped connection. */
    private static long failedCalls(int fromIndex) {
        var calls = SANDBOX.calls().all();
        return calls.subList(Math.min(fromIndex, calls.size()), calls.size()).stream()
                .filter(c -> c.status() == 0 || c.status() >= 429).count();
    }

    @Test
    void amazonSyncUnderTwentyPercentFaultsStoresEveryOrderExactlyOnce(CapturedOutput output) {
        Amazon a = connectAmazon(350);
        int before = SANDBOX.calls().size();
        twentyPercentFaults("/orders/2026-01-01/orders", "/auth/o2/token");
        List<Map<String, Object>> runs = syncUntilSucceeded(a.accountId(), 6);
        SANDBOX.faults().clear();
        assertEveryOrderOnce(a.accountId(), new HashSet<>(SANDBOX.amazon().orderIds(a.spid())));
        int calls = SANDBOX.calls().size() - before;
        System.out.printf("RELIABILITY amazon-sync-faults orders=%d runs=%d calls=%d failedCalls=%d%n",
                SANDBOX.amazon().orderIds(a.spid()).size(), runs.size(), calls, failedCalls(before));
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void flipkartSyncUnderTwentyPercentFaultsStoresEveryOrderExactlyOnce(CapturedOutput output) {
        Flipkart f = connectFlipkart(120);
        twentyPercentFaults("/sellers/v3/shipments", "/oauth-service/oauth/token");
        List<Map<String, Object>> runs = syncUntilSucceeded(f.accountId(), 6);
        SANDBOX.faults().clear();
        assertEveryOrderOnce(f.accountId(), SANDBOX.flipkart().orderIds(f.sellerId()));
        int items = jdbc.queryForObject("select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                Integer.class, f.accountId());
        int sandboxItems = SANDBOX.flipkart().shipmentIds(f.sellerId()).stream()
                .mapToInt(id -> SANDBOX.flipkart().shipment(id).get("orderItems").size()).sum();
        assertThat(items).isEqualTo(sandboxItems);
        System.out.printf("RELIABILITY flipkart-sync-faults orders=%d runs=%d%n", SANDBOX.flipkart().orderIds(f.sellerId()).size(), runs.size());
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void pushesUnderTwentyPercentFaultsEndPushedOnceOrDeadWithAReason(CapturedOutput output) {
        Amazon a = connectAmazon(300, Duration.ofHours(12));   // about 19% UNSHIPPED and seller-fulfilled; 20 are needed
        assertThat(syncNow(a.accountId()).get("status")).isEqualTo("SUCCEEDED");
        List<String> unshipped = unshippedOrders(a.accountId());
        assertThat(unshipped).hasSizeGreaterThanOrEqualTo(20);
        List<String> orders = unshipped.subList(0, 20);
        twentyPercentFaults("/orders/v0/orders/", "/auth/o2/token");
        List<String> eventIds = new ArrayList<>();
        for (String orderId : orders) {
            Map<String, Object> e = event(a.accountId(), orderId);
            eventIds.add((String) e.get("eventId"));
            send(orderId, json(e));
        }
        // The sandbox enforces Amazon's confirmShipment plan (2/s, burst 10) on its own clock: let its time pass.
        await().atMost(Duration.ofSeconds(120)).until(() -> CLOCK.advance(Duration.ofMillis(500)) != null && eventIds.stream().allMatch(id -> {
            String state = stateOf(id);
            return "PUSHED".equals(state) || "DEAD".equals(state) || "FAILED".equals(state);
        }));
        SANDBOX.faults().clear();
        int pushed = 0;
        int dead = 0;
        for (int i = 0; i < orders.size(); i++) {
            Map<String, Object> row = jdbc.queryForMap("select state, last_error, attempts from shipment_event where event_id = ?", eventIds.get(i));
            int confirmations = SANDBOX.amazon().shipmentConfirmations(orders.get(i)).size();
            if ("PUSHED".equals(row.get("state"))) {
                pushed++;
                assertThat(confirmations).as("confirmations of a pushed event").isEqualTo(1);
            } else {
                dead++;
                assertThat(row.get("state")).isEqualTo("DEAD");
                assertThat(row.get("last_error")).as("a DEAD event says why").isNotNull();
                assertThat(confirmations).isZero();
            }
        }
        System.out.printf("RELIABILITY amazon-push-faults events=%d pushed=%d dead=%d%n", orders.size(), pushed, dead);
        assertThat(pushed + dead).isEqualTo(orders.size());
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void aRevokedAuthorizationAmongManyAccountsMarksOnlyThatOneAndTheOthersSync(CapturedOutput output) {
        List<Amazon> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(connectAmazon(15));
        }
        Amazon revoked = accounts.get(3);
        SANDBOX.amazon().revokeRefreshTokens(revoked.spid());
        camel.requestBody("direct:amazon-sync-all", (Object) null);   // the scheduled cycle: every connected Amazon account
        // The cycle publishes one request per account (sync.requests topic); wait until each account's run has ended.
        await().atMost(Duration.ofSeconds(60)).until(() -> accounts.stream().allMatch(a -> jdbc.queryForObject(
                "select count(*) from sync_run where account_id = ? and status <> 'RUNNING'", Integer.class, a.accountId()) > 0
                && jdbc.queryForObject("select count(*) from sync_run where account_id = ? and status = 'RUNNING'",
                Integer.class, a.accountId()) == 0));

        for (Amazon a : accounts) {
            Map<String, Object> account = jdbc.queryForMap("select status, status_reason from seller_account where id = ?", a.accountId());
            Map<String, Object> lastRun = jdbc.queryForMap("select status, error from sync_run where account_id = ? order by id desc limit 1", a.accountId());
            if (a == revoked) {
                assertThat(account.get("status")).isEqualTo("NEEDS_REAUTH");
                assertThat((String) account.get("status_reason")).contains("invalid_grant");
                assertThat(lastRun.get("status")).isEqualTo("FAILED");
                assertThat(storedOrderIds(a.accountId())).isEmpty();
            } else {
                assertThat(account.get("status")).isEqualTo("CONNECTED");
                assertThat(lastRun.get("status")).as(String.valueOf(lastRun.get("error"))).isEqualTo("SUCCEEDED");
                assertEveryOrderOnce(a.accountId(), new HashSet<>(SANDBOX.amazon().orderIds(a.spid())));
            }
        }
        assertNoSecretIn("log output", output.getAll());
    }
}
