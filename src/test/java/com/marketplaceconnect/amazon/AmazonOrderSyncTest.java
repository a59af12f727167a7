package com.marketplaceconnect.amazon;

import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class AmazonOrderSyncTest extends IntegrationTest {
    private static final String PATH = "/orders/2026-01-01/orders";
    private static final String IN = "A21TJRUUN4KGV";
    private static final String UK = "A1F83G8C2ARO7P";

    @Autowired
    ProducerTemplate producer;

    Api api;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    private Api api() {
        if (api == null) {
            api = new Api(baseUrl());
        }
        return api;
    }

    private record Connected(long accountId, AmazonSeller seller) {
    }

    private Connected connect(int orders, String... marketplaceIds) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        for (String id : marketplaceIds) {
            SANDBOX.amazon().generateOrders(spid, id, orders, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        }
        List<String> codes = java.util.Arrays.stream(marketplaceIds).map(id -> AmazonMarketplace.byId(id).orElseThrow().name()).toList();
        var response = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", codes, "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Connected(response.json().get("id").asLong(), seller);
    }

    private long syncNow(long accountId) {
        var response = api().post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(runStatus(runId)));
        return runId;
    }

    private String runStatus(long runId) {
        return jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId);
    }

    private Map<String, Object> run(long runId) {
        return jdbc.queryForMap("select * from sync_run where id = ?", runId);
    }

    private int finishedRuns(long accountId) {
        return jdbc.queryForObject("select count(*) from sync_run where account_id = ? and status <> 'RUNNING'", Integer.class, accountId);
    }

    private int orderCount(long accountId) {
        return jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, accountId);
    }

    @Test
    void firstSyncFetchesThirtyDaysOverSeveralPagesAndStoresEveryOrderOnce() {
        Connected c = connect(130, IN, UK);   // 260 orders: three pages of 100
        SANDBOX.calls().clear();
        long runId = syncNow(c.accountId());

        assertThat(runStatus(runId)).as(String.valueOf(run(runId).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(260);
        int sandboxItems = 0;
        for (String orderId : jdbc.queryForList("select marketplace_order_id from orders where account_id = ?", String.class, c.accountId())) {
            sandboxItems += SANDBOX.amazon().order(orderId).get("orderItems").size();
        }
        assertThat(jdbc.queryForObject("select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                Integer.class, c.accountId())).isEqualTo(sandboxItems);
        assertThat(jdbc.queryForList("select distinct marketplace_code from orders where account_id = ? order by 1", String.class, c.accountId()))
                .containsExactly("IN", "UK");

        List<RecordedCall> calls = SANDBOX.calls().matching("GET", PATH);
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        RecordedCall first = calls.get(0);
        assertThat(first.queryParam("paginationToken")).isNull();
        assertThat(first.queryParam("marketplaceIds").split(",")).containsExactlyInAnyOrder(IN, UK);
        Instant after = Instant.parse(first.queryParam("lastUpdatedAfter"));
        Instant beforeParam = Instant.parse(first.queryParam("lastUpdatedBefore"));
        assertThat(Duration.between(after, beforeParam)).isEqualTo(Duration.ofDays(30));
        assertThat(Duration.between(beforeParam, CLOCK.instant())).isEqualTo(Duration.ofMinutes(2));
        // The opaque tokens (with + / =) came back unaltered: the sandbox would have answered 400 otherwise.
        assertThat(calls.get(1).queryParam("paginationToken")).isNotBlank();
        assertThat(calls.get(1).rawQuery()).contains("paginationToken=");

        Map<String, Object> r = run(runId);
        assertThat(r.get("pages")).isEqualTo(3);
        assertThat(r.get("api_calls")).isEqualTo(3);
        assertThat(r.get("orders_inserted")).isEqualTo(260);
        assertThat(r.get("orders_updated")).isEqualTo(0);
        assertThat(jdbc.queryForObject("select count(*) from sync_cursor where account_id = ? and watermark = ?", Integer.class,
                c.accountId(), java.sql.Timestamp.from(beforeParam))).isEqualTo(2);
    }

    @Test
    void theNextSyncAsksOnlyFromTheWatermarkMinusTheOverlapAndUpdatesChangedOrdersInPlace() {
        Connected c = connect(40, IN);
        long first = syncNow(c.accountId());
        assertThat(runStatus(first)).isEqualTo("SUCCEEDED");
        Instant watermark = jdbc.queryForObject("select watermark from sync_cursor where account_id = ?", java.sql.Timestamp.class,
                c.accountId()).toInstant();

        CLOCK.advance(Duration.ofMinutes(15));
        String changed = jdbc.queryForObject("select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' limit 1",
                String.class, c.accountId());
        SANDBOX.amazon().updateOrder(changed, "CANCELLED", CLOCK.instant().minus(Duration.ofMinutes(6)));
        SANDBOX.calls().clear();
        long second = syncNow(c.accountId());

        assertThat(runStatus(second)).isEqualTo("SUCCEEDED");
        RecordedCall call = SANDBOX.calls().matching("GET", PATH).get(0);
        assertThat(Instant.parse(call.queryParam("lastUpdatedAfter"))).isEqualTo(watermark.minus(Duration.ofMinutes(10)));
        assertThat(Instant.parse(call.queryParam("lastUpdatedBefore"))).isEqualTo(CLOCK.instant().minus(Duration.ofMinutes(2)));
        assertThat(jdbc.queryForObject("select status from orders where account_id = ? and marketplace_order_id = ?", String.class,
                c.accountId(), changed)).isEqualTo("CANCELLED");
        assertThat(run(second).get("orders_updated")).isEqualTo(1);
        assertThat(run(second).get("orders_inserted")).isEqualTo(0);
        assertThat(orderCount(c.accountId())).isEqualTo(40);
    }

    @Test
    void windowsAreFetchedOneAfterTheOtherAndAFailedWindowEndsTheRunBeforeTheNext() {
        Connected c = connect(20, IN, UK);
        // IN was synced an hour ago, UK never: two windows, UK's (30 days) first.
        Instant watermark = CLOCK.instant().minus(Duration.ofHours(1));
        jdbc.update("insert into sync_cursor (account_id, marketplace_code, watermark) values (?, 'IN', ?)", c.accountId(),
                java.sql.Timestamp.from(watermark));
        SANDBOX.faults().add(FaultRule.status(PATH, 503, -1));
        long failed = syncNow(c.accountId());

        assertThat(runStatus(failed)).isEqualTo("FAILED");
        // Only the first window was asked for (the first try and 3 retries), the second never; no watermark moved.
        assertThat(run(failed).get("api_calls")).isEqualTo(4);
        assertThat(jdbc.queryForList("select marketplace_code from sync_cursor where account_id = ?", String.class, c.accountId()))
                .containsExactly("IN");

        SANDBOX.faults().clear();
        SANDBOX.calls().clear();
        long next = syncNow(c.accountId());
        assertThat(runStatus(next)).as(String.valueOf(run(next).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(run(next).get("api_calls")).isEqualTo(2);
        Instant before = CLOCK.instant().minus(Duration.ofMinutes(2));
        Instant ukAfter = before.minus(Duration.ofDays(30));
        Instant inAfter = watermark.minus(Duration.ofMinutes(10));
        // This account's two calls (other accounts' syncs may be running too), one window after the other.
        List<String> windows = SANDBOX.calls().matching("GET", PATH).stream()
                .filter(call -> UK.equals(call.queryParam("marketplaceIds")) && Instant.parse(call.queryParam("lastUpdatedAfter")).equals(ukAfter)
                        || IN.equals(call.queryParam("marketplaceIds")) && Instant.parse(call.queryParam("lastUpdatedAfter")).equals(inAfter))
                .map(call -> call.queryParam("marketplaceIds")).toList();
        assertThat(windows).containsExactly(UK, IN);
        assertThat(jdbc.queryForList("select watermark from sync_cursor where account_id = ?", java.sql.Timestamp.class, c.accountId()))
                .extracting(java.sql.Timestamp::toInstant).containsExactly(before, before);
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ? and marketplace_code = 'UK'", Integer.class,
                c.accountId())).isEqualTo(20);
    }

    @Test
    void anOlderCopyOfAnOrderNeverOverwritesANewerOne() throws Exception {
        Connected c = connect(5, IN);
        syncNow(c.accountId());
        Map<String, Object> stored = jdbc.queryForMap("select marketplace_order_id, status, source_updated_at from orders where account_id = ? limit 1",
                c.accountId());
        String orderId = (String) stored.get("marketplace_order_id");
        var older = (com.fasterxml.jackson.databind.node.ObjectNode) SANDBOX.amazon().order(orderId);
        older.put("lastUpdatedTime", ((java.sql.Timestamp) stored.get("source_updated_at")).toInstant().minus(Duration.ofHours(1)).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) older.get("fulfillment")).put("fulfillmentStatus", "PENDING");
        var canonical = new AmazonOrderMapper().map(older);

        var result = producer.send("direct:store-orders", exchange -> {
            exchange.setProperty("accountId", c.accountId());
            exchange.setProperty("orderRows", com.marketplaceconnect.orders.OrderRows.of(List.of(canonical)).parameters());
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getProperty("pageUpdated", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select status from orders where account_id = ? and marketplace_order_id = ?", String.class,
                c.accountId(), orderId)).isEqualTo(stored.get("status"));
    }

    @Test
    void twoCopiesOfAnOrderInOneBatchStoreTheNewerWithItsOwnItems() throws Exception {
        Connected c = connect(1, IN);
        syncNow(c.accountId());
        Map<String, Object> stored = jdbc.queryForMap("select id, marketplace_order_id, source_updated_at from orders where account_id = ?",
                c.accountId());
        String orderId = (String) stored.get("marketplace_order_id");
        Instant storedAt = ((java.sql.Timestamp) stored.get("source_updated_at")).toInstant();
        var newer = (com.fasterxml.jackson.databind.node.ObjectNode) SANDBOX.amazon().order(orderId);
        newer.put("lastUpdatedTime", storedAt.plus(Duration.ofHours(2)).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) newer.get("fulfillment")).put("fulfillmentStatus", "SHIPPED");
        var older = newer.deepCopy();
        older.put("lastUpdatedTime", storedAt.plus(Duration.ofHours(1)).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) older.get("fulfillment")).put("fulfillmentStatus", "CANCELLED");
        ((com.fasterxml.jackson.databind.node.ArrayNode) older.get("orderItems")).addObject().put("orderItemId", "ONLY-IN-THE-OLDER-COPY");
        var mapper = new AmazonOrderMapper();

        var result = producer.send("direct:store-orders", exchange -> {
            exchange.setProperty("accountId", c.accountId());
            exchange.setProperty("orderRows", com.marketplaceconnect.orders.OrderRows.of(List.of(mapper.map(older), mapper.map(newer))).parameters());
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getProperty("pageUpdated", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, stored.get("id"))).isEqualTo("SHIPPED");
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ? and marketplace_item_id = 'ONLY-IN-THE-OLDER-COPY'",
                Integer.class, stored.get("id"))).isZero();
        assertThat(jdbc.queryForObject("select raw->'fulfillment'->>'fulfillmentStatus' from orders where id = ?", String.class,
                stored.get("id"))).isEqualTo("SHIPPED");
        // Each item's raw JSON is its own element of the order's orderItems (taken from the order's raw by the statement).
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ? and raw->>'orderItemId' is distinct from marketplace_item_id",
                Integer.class, stored.get("id"))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ?", Integer.class, stored.get("id")))
                .isEqualTo(newer.get("orderItems").size());
    }

    @Test
    void throttledResponsesAreAbsorbedWithoutLosingOrders() {
        Connected c = connect(150, UK);
        SANDBOX.faults().add(FaultRule.throttle(PATH, 2));
        long runId = syncNow(c.accountId());

        assertThat(runStatus(runId)).as(String.valueOf(run(runId).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(150);
        assertThat(run(runId).get("throttled_responses")).isEqualTo(2);
        assertThat(run(runId).get("api_calls")).isEqualTo(4);
    }

    @Test
    void aFailureHalfWayLeavesTheWatermarkAndTheNextRunCompletesWithoutDuplicates() {
        Connected c = connect(250, IN);
        SANDBOX.faults().add(FaultRule.status(PATH, 503, -1).afterMatching(1));
        long failed = syncNow(c.accountId());

        assertThat(runStatus(failed)).isEqualTo("FAILED");
        assertThat((String) run(failed).get("error")).contains("HTTP 503");
        // The first page waited in the batch (sync.store-batch-orders = 1000) and was not stored: the next run
        // fetches it again.
        assertThat(orderCount(c.accountId())).isZero();
        assertThat(run(failed).get("pages")).isEqualTo(0);
        assertThat(run(failed).get("api_calls")).isEqualTo(1 + 1 + 3);   // page 1, page 2 and its 3 retries
        assertThat(jdbc.queryForObject("select count(*) from sync_cursor where account_id = ?", Integer.class, c.accountId())).isZero();
        assertThat(jdbc.queryForObject("select last_error from seller_account where id = ?", String.class, c.accountId())).contains("HTTP 503");

        SANDBOX.faults().clear();
        long next = syncNow(c.accountId());
        assertThat(runStatus(next)).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(250);
        assertThat(run(next).get("orders_inserted")).isEqualTo(250);
        assertThat(jdbc.queryForObject("select count(*) from (select marketplace_order_id from orders where account_id = ? "
                + "group by 1 having count(*) > 1) d", Integer.class, c.accountId())).isZero();
    }

    @Test
    void pagesAreStoredTogetherAndTheWatermarkMovesOnlyOnceTheWholeWindowIsCommitted() {
        Connected c = connect(1_250, IN);   // 13 pages: a batch of 10 pages (1,000 orders), then 3 more
        SANDBOX.calls().clear();
        long runId = syncNow(c.accountId());

        assertThat(runStatus(runId)).as(String.valueOf(run(runId).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(1_250);
        // One transaction per batch: the first 1,000 orders share one, the last 250 another.
        assertThat(jdbc.queryForList("select count(*) from orders where account_id = ? group by xmin::text order by 1", Integer.class,
                c.accountId())).containsExactly(250, 1_000);
        assertThat(jdbc.queryForObject("select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                Integer.class, c.accountId())).isPositive();
        Map<String, Object> r = run(runId);
        assertThat(r.get("pages")).isEqualTo(13);
        assertThat(r.get("api_calls")).isEqualTo(13);
        assertThat(r.get("orders_inserted")).isEqualTo(1_250);
        Instant before = Instant.parse(SANDBOX.calls().matching("GET", PATH).get(0).queryParam("lastUpdatedBefore"));
        assertThat(jdbc.queryForObject("select watermark from sync_cursor where account_id = ?", java.sql.Timestamp.class,
                c.accountId()).toInstant()).isEqualTo(before);
    }

    @Test
    void aFailureAfterAStoredBatchKeepsItsOrdersButNotTheWatermark() {
        Connected c = connect(1_250, IN);
        SANDBOX.faults().add(FaultRule.status(PATH, 503, -1).afterMatching(11));   // page 12 fails, after retries
        long failed = syncNow(c.accountId());

        assertThat(runStatus(failed)).isEqualTo("FAILED");
        assertThat((String) run(failed).get("error")).contains("HTTP 503");
        // The full batch (pages 1-10) was committed before the run ended; page 11 waited in the next batch.
        assertThat(orderCount(c.accountId())).isEqualTo(1_000);
        assertThat(run(failed).get("pages")).isEqualTo(10);
        assertThat(run(failed).get("orders_inserted")).isEqualTo(1_000);
        assertThat(run(failed).get("api_calls")).isEqualTo(11 + 1 + 3);
        assertThat(jdbc.queryForObject("select count(*) from sync_cursor where account_id = ?", Integer.class, c.accountId())).isZero();

        SANDBOX.faults().clear();
        CLOCK.advance(Duration.ofHours(1));   // the sandbox's searchOrders bucket (burst 20) refills for 13 more calls
        long next = syncNow(c.accountId());
        assertThat(runStatus(next)).as(String.valueOf(run(next).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(1_250);
        assertThat(run(next).get("orders_inserted")).isEqualTo(250);
        assertThat(run(next).get("orders_updated")).isEqualTo(0);   // the same copies again: left as they were
        assertThat(jdbc.queryForObject("select count(*) from sync_cursor where account_id = ?", Integer.class, c.accountId())).isEqualTo(1);
    }

    @Test
    void aBatchThatCannotBeStoredFailsTheRunAndLeavesTheWatermark() {
        Connected c = connect(150, IN);
        // A trigger that refuses this account's orders: the batch's upsert fails inside PostgreSQL.
        jdbc.execute("""
                create or replace function refuse_test_orders() returns trigger language plpgsql as $$
                begin
                  if new.account_id = %d then raise exception 'refused by test'; end if;
                  return new;
                end $$""".formatted(c.accountId()));
        jdbc.execute("create trigger refuse_test_orders before insert on orders for each row execute function refuse_test_orders()");
        try {
            long failed = syncNow(c.accountId());

            assertThat(runStatus(failed)).isEqualTo("FAILED");
            assertThat((String) run(failed).get("error")).contains("refused by test");
            assertThat(orderCount(c.accountId())).isZero();
            assertThat(run(failed).get("pages")).isEqualTo(0);
            assertThat(run(failed).get("api_calls")).isEqualTo(2);
            assertThat(jdbc.queryForObject("select count(*) from sync_cursor where account_id = ?", Integer.class, c.accountId())).isZero();
        } finally {
            jdbc.execute("drop trigger refuse_test_orders on orders");
            jdbc.execute("drop function refuse_test_orders()");
        }
        long next = syncNow(c.accountId());
        assertThat(runStatus(next)).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(150);
    }

    @Test
    void aRunWhoseFailureCouldNotBeWrittenReleasesItsAccountAsSoonAsTheDatabaseTakesIt(CapturedOutput output) {
        Connected c = connect(20, IN);
        SANDBOX.faults().add(FaultRule.status(PATH, 503, -1));   // every searchOrders call fails: the run fails
        // Ending the run fails, as it does while the database is unreachable.
        jdbc.execute("""
                create or replace function refuse_failed_run() returns trigger language plpgsql as $$
                begin
                  if new.account_id = %d and new.status = 'FAILED' then raise exception 'database away (test)'; end if;
                  return new;
                end $$""".formatted(c.accountId()));
        jdbc.execute("create trigger refuse_failed_run before update on sync_run for each row execute function refuse_failed_run()");
        long failed;
        try {
            var started = api().post("/api/accounts/" + c.accountId() + "/sync", Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            failed = started.json().get("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("Sync run " + failed + " ended but could not be marked FAILED"));
            assertThat(runStatus(failed)).isEqualTo("RUNNING");
        } finally {
            jdbc.execute("drop trigger refuse_failed_run on sync_run");
            jdbc.execute("drop function refuse_failed_run()");
        }
        SANDBOX.faults().clear();

        // The database takes writes again: the instance that ran it marks the run FAILED with its own reason within
        // seconds (not when it is stale, 10 minutes), and the account can be synced again.
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(runStatus(failed)));
        assertThat((String) run(failed).get("error")).contains("HTTP 503");
        assertThat(run(failed).get("finished_at")).isNotNull();
        long next = syncNow(c.accountId());
        assertThat(runStatus(next)).isEqualTo("SUCCEEDED");
        assertThat(orderCount(c.accountId())).isEqualTo(20);
    }

    @Test
    void aRevokedAuthorizationMarksOnlyThatAccountAndTheOthersSync(CapturedOutput output) {
        Connected revoked = connect(10, IN);
        Connected healthy = connect(10, IN);
        SANDBOX.amazon().revokeRefreshTokens(revoked.seller().sellingPartnerId());
        CLOCK.advance(Duration.ofHours(2));   // cached access tokens expire: the revoked refresh token is tried

        producer.sendBody("direct:amazon-sync-all", null);   // publishes one sync request per connected account
        await().atMost(Duration.ofSeconds(30)).until(() -> finishedRuns(revoked.accountId()) == 1 && finishedRuns(healthy.accountId()) == 1);

        Map<String, Object> r = jdbc.queryForMap("select status, status_reason from seller_account where id = ?", revoked.accountId());
        assertThat(r.get("status")).isEqualTo("NEEDS_REAUTH");
        assertThat((String) r.get("status_reason")).contains("invalid_grant").contains("connect Amazon again");
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, healthy.accountId())).isEqualTo("CONNECTED");
        assertThat(orderCount(healthy.accountId())).isEqualTo(10);
        assertThat(orderCount(revoked.accountId())).isZero();

        var refused = api().post("/api/accounts/" + revoked.accountId() + "/sync", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("NEEDS_REAUTH");
    }

    @Test
    void theRefreshTokenIsNeitherStoredInClearNorLoggedNorReturned(CapturedOutput output) {
        Connected c = connect(20, IN);
        syncNow(c.accountId());
        String refreshToken = c.seller().refreshToken();

        List<String> everyText = jdbc.queryForList("""
                select coalesce(a::text, '') || coalesce(encode(a.credentials_ciphertext, 'escape'), '') from seller_account a
                """, String.class);
        assertThat(String.join("\n", everyText)).doesNotContain(refreshToken).doesNotContain(refreshToken.substring(5));
        assertThat(api().get("/api/accounts/" + c.accountId()).body()).doesNotContain(refreshToken);
        assertThat(api().get("/api/accounts").body()).doesNotContain(refreshToken);
        for (String secret : SANDBOX.amazon().issuedSecrets()) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void syncOrdersStartsARunNowAndRefusesASecondOneWhileItRuns() {
        Connected c = connect(30, IN);
        SANDBOX.faults().add(FaultRule.slow(PATH, Duration.ofSeconds(2), 1));

        var first = api().post("/api/accounts/" + c.accountId() + "/sync", Map.of());
        var second = api().post("/api/accounts/" + c.accountId() + "/sync", Map.of());

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains("already running");
        long runId = first.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(runStatus(runId)));
        var runs = api().get("/api/accounts/" + c.accountId() + "/sync-runs").json();
        assertThat(runs.get(0).get("id").asLong()).isEqualTo(runId);
        assertThat(runs.get(0).get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(runs.get(0).get("ordersInserted").asInt()).isEqualTo(30);
        assertThat(api().post("/api/accounts/999999/sync", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theAdminApiRefusesCallsWithoutTheApiKey() {
        assertThat(api().getWithoutKey("/api/accounts").status()).isEqualTo(401);
        assertThat(api().postWithoutKey("/api/accounts/amazon", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void connectingValidatesRegionMarketplacesAndTheRefreshToken() {
        var badRegion = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", "AX1", "region", "XX",
                "marketplaces", List.of("IN"), "refreshToken", "Atzr|x"));
        assertThat(badRegion.status()).isEqualTo(400);
        assertThat(badRegion.json().get("field").asText()).isEqualTo("region");
        var wrongRegion = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", "AX1", "region", "NA",
                "marketplaces", List.of("IN"), "refreshToken", "Atzr|x"));
        assertThat(wrongRegion.status()).isEqualTo(400);
        assertThat(wrongRegion.json().get("detail").asText()).contains("IN belongs to region EU");
        var badToken = api().post("/api/accounts/amazon", Map.of("sellingPartnerId", "AX1", "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", "Atzr|not-a-token-amazon-issued"));
        assertThat(badToken.status()).isEqualTo(422);
        assertThat(badToken.json().get("field").asText()).isEqualTo("refreshToken");
        assertThat(badToken.body()).doesNotContain("not-a-token-amazon-issued");
        assertThat(jdbc.queryForObject("select count(*) from seller_account where external_account_id = 'AX1'", Integer.class)).isZero();
    }
}
