package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FlipkartOrderSyncTest extends IntegrationTest {
    private static final String FILTER = "/sellers/v3/shipments/filter";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PRE_DISPATCH = Set.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH");

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    private Api api() {
        return new Api(baseUrl());
    }

    private record Connected(long accountId, FlipkartSeller seller) {
        String sellerId() {
            return seller.sellerId();
        }
    }

    private Connected connect(int shipments) {
        String sellerId = "fk" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        FlipkartSeller seller = SANDBOX.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        SANDBOX.flipkart().generateShipments(sellerId, shipments, now.minus(Duration.ofDays(29)), now.minus(Duration.ofMinutes(5)), sellerId.hashCode());
        var response = api().post("/api/accounts/flipkart", Map.of("sellerId", sellerId, "applicationId", seller.appId(),
                "applicationSecret", seller.appSecret()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Connected(response.json().get("id").asLong(), seller);
    }

    private long syncNow(long accountId) {
        var response = api().post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(run(runId).get("status")));
        return runId;
    }

    private Map<String, Object> run(long runId) {
        return jdbc.queryForMap("select * from sync_run where id = ?", runId);
    }

    private void assertSucceeded(long runId) {
        assertThat(run(runId).get("status")).as(String.valueOf(run(runId).get("error"))).isEqualTo("SUCCEEDED");
    }

    private List<String> orderIds(long accountId) {
        return jdbc.queryForList("select marketplace_order_id from orders where account_id = ?", String.class, accountId);
    }

    private String orderStatus(long accountId, String orderId) {
        return jdbc.queryForObject("select status from orders where account_id = ? and marketplace_order_id = ?", String.class, accountId, orderId);
    }

    private int itemCount(long accountId) {
        return jdbc.queryForObject("select count(*) from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                Integer.class, accountId);
    }

    private int sandboxItemCount(String sellerId) {
        return SANDBOX.flipkart().shipmentIds(sellerId).stream().mapToInt(id -> SANDBOX.flipkart().shipment(id).get("orderItems").size()).sum();
    }

    private Instant watermark(long accountId) {
        List<Timestamp> t = jdbc.queryForList("select watermark from sync_cursor where account_id = ?", Timestamp.class, accountId);
        return t.isEmpty() ? null : t.get(0).toInstant();
    }

    private static JsonNode body(RecordedCall call) {
        try {
            return JSON.readTree(call.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String status(String shipmentId) {
        return SANDBOX.flipkart().shipment(shipmentId).at("/orderItems/0/status").asText();
    }

    /** A pre-dispatch, not held shipment that is the only one of its order. */
    private static String singleOpenShipment(String sellerId, Set<String> exclude) {
        return SANDBOX.flipkart().shipmentIds(sellerId).stream()
                .filter(id -> !exclude.contains(id))
                .filter(id -> PRE_DISPATCH.contains(status(id)) && !SANDBOX.flipkart().shipment(id).get("hold").asBoolean())
                .filter(id -> SANDBOX.flipkart().shipmentsOfOrder(SANDBOX.flipkart().orderIdOf(id)).size() == 1)
                .findFirst().orElseThrow();
    }

    @Test
    void firstSyncWalksEverySearchPageByPageAndStoresEveryOrderOnce() {
        Connected c = connect(60);
        String held = singleOpenShipment(c.sellerId(), Set.of());
        SANDBOX.flipkart().setHold(held, true, CLOCK.instant().minus(Duration.ofMinutes(4)));
        SANDBOX.calls().clear();
        Instant started = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long runId = syncNow(c.accountId());

        assertSucceeded(runId);
        Set<String> expected = SANDBOX.flipkart().orderIds(c.sellerId());
        List<String> stored = orderIds(c.accountId());
        assertThat(stored).hasSize(expected.size());
        assertThat(new HashSet<>(stored)).isEqualTo(expected);
        assertThat(itemCount(c.accountId())).isEqualTo(sandboxItemCount(c.sellerId()));

        // One POST per kind of shipment, each with page size 20 and the 30-day modifiedDate window; later pages by GET.
        List<RecordedCall> searches = SANDBOX.calls().matching("POST", FILTER);
        assertThat(searches).hasSize(6);
        assertThat(searches).extracting(call -> body(call).at("/filter/type").asText() + "/" + body(call).at("/filter/hold").asText()
                        + "/" + body(call).at("/filter/cancellationType").asText())
                .containsExactly("preDispatch/false/", "preDispatch/true/", "postDispatch//", "cancelled//sellerCancellation",
                        "cancelled//buyerCancellation", "cancelled//marketplaceCancellation");
        for (RecordedCall call : searches) {
            JsonNode b = body(call);
            assertThat(b.at("/pagination/pageSize").asInt()).isEqualTo(20);
            assertThat(OffsetDateTime.parse(b.at("/filter/modifiedDate/from").asText()).toInstant()).isEqualTo(started.minus(Duration.ofDays(30)));
            assertThat(OffsetDateTime.parse(b.at("/filter/modifiedDate/to").asText()).toInstant()).isEqualTo(started);
        }
        List<RecordedCall> nextPages = SANDBOX.calls().matching("GET", FILTER);
        assertThat(nextPages).isNotEmpty();
        assertThat(nextPages).allSatisfy(call -> {
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.queryParam("next_token")).isNotBlank();
        });
        List<RecordedCall> details = SANDBOX.calls().matching("GET", "/sellers/v3/shipments/").stream()
                .filter(call -> !call.path().startsWith(FILTER)).toList();
        assertThat(details).isNotEmpty().allSatisfy(call -> assertThat(call.path().split(",").length).isLessThanOrEqualTo(20));

        Map<String, Object> r = run(runId);
        assertThat(r.get("pages")).isEqualTo(6 + nextPages.size());
        assertThat(r.get("api_calls")).isEqualTo(6 + nextPages.size() + details.size());
        assertThat(r.get("orders_inserted")).isEqualTo(expected.size());
        assertThat(watermark(c.accountId())).isEqualTo(started);

        // The held shipment's order is ON_HOLD; shipment fields the tracking push needs are on the items.
        String heldOrder = SANDBOX.flipkart().orderIdOf(held);
        assertThat(orderStatus(c.accountId(), heldOrder)).isEqualTo("ON_HOLD");
        Map<String, Object> heldItem = jdbc.queryForList("""
                select i.* from order_item i join orders o on o.id = i.order_id where o.account_id = ? and o.marketplace_order_id = ?
                """, c.accountId(), heldOrder).get(0);
        JsonNode heldShipment = SANDBOX.flipkart().shipment(held);
        assertThat(heldItem.get("shipment_id")).isEqualTo(held);
        assertThat(heldItem.get("on_hold")).isEqualTo(true);
        assertThat(heldItem.get("location_id")).isEqualTo(heldShipment.get("locationId").asText());
        assertThat(heldItem.get("shipment_type")).isEqualTo(heldShipment.get("shipmentType").asText());
        assertThat(((Timestamp) heldItem.get("dispatch_by")).toInstant())
                .isEqualTo(OffsetDateTime.parse(heldShipment.get("dispatchByDate").asText()).toInstant());
        assertThat(jdbc.queryForObject("""
                select count(*) from order_item i join orders o on o.id = i.order_id
                 where o.account_id = ? and (i.shipment_id is null or i.shipment_type is null or i.dispatch_by is null)
                """, Integer.class, c.accountId())).isZero();

        // Orders of several shipments carry the items of all of them; open orders have a delivery address.
        for (String orderId : expected) {
            List<String> shipments = SANDBOX.flipkart().shipmentsOfOrder(orderId);
            if (shipments.size() > 1) {
                assertThat(jdbc.queryForList("""
                        select distinct i.shipment_id from order_item i join orders o on o.id = i.order_id
                         where o.account_id = ? and o.marketplace_order_id = ?
                        """, String.class, c.accountId(), orderId)).containsExactlyInAnyOrderElementsOf(shipments);
            }
        }
        assertThat(jdbc.queryForList("select ship_to_postal_code from orders where account_id = ? and status <> 'CANCELLED'",
                String.class, c.accountId())).allSatisfy(pin -> assertThat(pin).matches("\\d{6}"));
    }

    @Test
    void incrementalRunAsksFromTheWatermarkAndLandsCancellationsAndStatusChangesOnExistingOrders() {
        Connected c = connect(30);
        assertSucceeded(syncNow(c.accountId()));
        Instant firstWatermark = watermark(c.accountId());
        int orders = orderIds(c.accountId()).size();

        CLOCK.advance(Duration.ofHours(1));
        String shipped = singleOpenShipment(c.sellerId(), Set.of());
        String cancelled = singleOpenShipment(c.sellerId(), Set.of(shipped));
        SANDBOX.flipkart().updateShipment(shipped, "SHIPPED", CLOCK.instant().minusSeconds(30));
        SANDBOX.flipkart().cancel(cancelled, "buyerCancellation", CLOCK.instant().minusSeconds(20));
        SANDBOX.calls().clear();
        long runId = syncNow(c.accountId());

        assertSucceeded(runId);
        assertThat(SANDBOX.calls().matching("POST", FILTER)).hasSize(6).allSatisfy(call ->
                assertThat(OffsetDateTime.parse(body(call).at("/filter/modifiedDate/from").asText()).toInstant())
                        .isEqualTo(firstWatermark.minus(Duration.ofMinutes(10))));
        assertThat(orderIds(c.accountId())).hasSize(orders);
        assertThat(orderStatus(c.accountId(), SANDBOX.flipkart().orderIdOf(shipped))).isEqualTo("SHIPPED");
        assertThat(orderStatus(c.accountId(), SANDBOX.flipkart().orderIdOf(cancelled))).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("""
                select distinct i.status from order_item i join orders o on o.id = i.order_id where o.account_id = ? and i.shipment_id = ?
                """, String.class, c.accountId(), cancelled)).isEqualTo("CANCELLED");
        // Only the two changed orders were written: unchanged copies in the overlap are left alone.
        assertThat(run(runId).get("orders_inserted")).isEqualTo(0);
        assertThat(run(runId).get("orders_updated")).isEqualTo(2);
    }

    @Test
    void twoShipmentsOfOneOrderSeenInDifferentSearchesKeepBothShipmentsItems() {
        Connected c = connect(40);
        String orderId = SANDBOX.flipkart().orderIds(c.sellerId()).stream()
                .filter(id -> SANDBOX.flipkart().shipmentsOfOrder(id).size() == 2).findFirst()
                .orElseGet(() -> {
                    // Very unlikely: no two-shipment order in the generated data; add more until there is one.
                    for (int seed = 1; ; seed++) {
                        Instant now = CLOCK.instant();
                        SANDBOX.flipkart().generateShipments(c.sellerId(), 20, now.minus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(5)), seed);
                        var found = SANDBOX.flipkart().orderIds(c.sellerId()).stream()
                                .filter(id -> SANDBOX.flipkart().shipmentsOfOrder(id).size() == 2).findFirst();
                        if (found.isPresent()) return found.get();
                    }
                });
        List<String> shipments = SANDBOX.flipkart().shipmentsOfOrder(orderId);
        String newer = shipments.get(0);
        String older = shipments.get(1);
        Instant now = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SANDBOX.flipkart().setHold(newer, false, now.minus(Duration.ofHours(1)));
        SANDBOX.flipkart().setHold(older, false, now.minus(Duration.ofHours(2)));
        // The newer shipment is listed first (pre-dispatch), the older one later (post-dispatch).
        SANDBOX.flipkart().updateShipment(newer, "APPROVED", now.minus(Duration.ofHours(1)));
        SANDBOX.flipkart().updateShipment(older, "SHIPPED", now.minus(Duration.ofHours(2)));

        assertSucceeded(syncNow(c.accountId()));

        int expectedItems = SANDBOX.flipkart().shipment(newer).get("orderItems").size() + SANDBOX.flipkart().shipment(older).get("orderItems").size();
        List<Map<String, Object>> items = jdbc.queryForList("""
                select i.shipment_id, i.status from order_item i join orders o on o.id = i.order_id
                 where o.account_id = ? and o.marketplace_order_id = ?
                """, c.accountId(), orderId);
        assertThat(items).hasSize(expectedItems);
        assertThat(items).extracting(i -> i.get("shipment_id")).containsOnly(newer, older);
        assertThat(orderStatus(c.accountId(), orderId)).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(jdbc.queryForObject("select source_updated_at from orders where account_id = ? and marketplace_order_id = ?",
                Timestamp.class, c.accountId(), orderId).toInstant()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(jdbc.queryForObject("select jsonb_array_length(raw -> 'shipments') from orders where account_id = ? and marketplace_order_id = ?",
                Integer.class, c.accountId(), orderId)).isEqualTo(2);
    }

    @Test
    void expiredTokenCostsOneNewTokenAndTheRunFinishes() {
        Connected c = connect(10);
        assertSucceeded(syncNow(c.accountId()));
        CLOCK.advance(Duration.ofMinutes(20));
        SANDBOX.flipkart().expireTokens(c.sellerId());
        SANDBOX.calls().clear();

        long runId = syncNow(c.accountId());

        assertSucceeded(runId);
        assertThat(SANDBOX.calls().matching("GET", "/oauth-service/oauth/token")).hasSize(1);
        assertThat(SANDBOX.calls().matching(null, "/sellers/").stream().filter(call -> call.status() == 401)).hasSize(1);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, c.accountId())).isEqualTo("CONNECTED");
    }

    @Test
    void refusedCredentialsMarkTheAccountNeedsReauth() {
        Connected c = connect(5);
        assertSucceeded(syncNow(c.accountId()));
        SANDBOX.flipkart().rotateSecret(c.sellerId());
        SANDBOX.flipkart().expireTokens(c.sellerId());

        long runId = syncNow(c.accountId());

        assertThat(run(runId).get("status")).isEqualTo("FAILED");
        Map<String, Object> account = jdbc.queryForMap("select status, status_reason from seller_account where id = ?", c.accountId());
        assertThat(account.get("status")).isEqualTo("NEEDS_REAUTH");
        assertThat((String) account.get("status_reason")).contains("Bad credentials");
        SANDBOX.flipkart().issuedSecrets().forEach(secret -> {
            assertThat((String) account.get("status_reason")).doesNotContain(secret);
            assertThat((String) run(runId).get("error")).doesNotContain(secret);
        });
        assertThat(api().post("/api/accounts/" + c.accountId() + "/sync", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void throttledSearchesBackOffAndTheRunFinishes() {
        Connected c = connect(8);
        SANDBOX.faults().add(FaultRule.throttle(FILTER, 2).withMethod("POST"));
        long runId = syncNow(c.accountId());

        assertSucceeded(runId);
        assertThat(run(runId).get("throttled_responses")).isEqualTo(2);
        assertThat(new HashSet<>(orderIds(c.accountId()))).isEqualTo(SANDBOX.flipkart().orderIds(c.sellerId()));
    }

    @Test
    void aDetailsCallThatKeepsFailingFailsTheRunThereWithItsOwnError() {
        Connected c = connect(5);
        // One page per search, so the only GETs under /v3/shipments/ are details calls.
        SANDBOX.faults().add(FaultRule.status("/sellers/v3/shipments/", 500, 100).withMethod("GET"));
        SANDBOX.calls().clear();
        long runId = syncNow(c.accountId());

        assertThat(run(runId).get("status")).isEqualTo("FAILED");
        assertThat((String) run(runId).get("error")).startsWith("HTTP 500 from ").contains("/sellers/v3/shipments/");
        // The first details call and its retries (sync.retry.max-redeliveries=3 in the tests), then nothing more: no
        // later search, no store.
        List<RecordedCall> calls = SANDBOX.calls().matching(null, "/sellers/");
        List<RecordedCall> fromFirstDetails = calls.subList(calls.indexOf(SANDBOX.calls().matching("GET", "/sellers/v3/shipments/").get(0)), calls.size());
        assertThat(fromFirstDetails).hasSize(4).allSatisfy(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.status()).isEqualTo(500);
        });
        assertThat(orderIds(c.accountId())).isEmpty();
        assertThat(watermark(c.accountId())).isNull();
    }

    @Test
    void interruptedRunLeavesNoDuplicatesAndTheNextRunStoresEveryOrderOnce() {
        Connected c = connect(60);
        // Every next-page call fails: page one of the first search is stored, then the retries run out.
        SANDBOX.faults().add(FaultRule.status(FILTER, 500, 4).withMethod("GET"));
        long failed = syncNow(c.accountId());

        assertThat(run(failed).get("status")).isEqualTo("FAILED");
        assertThat((String) run(failed).get("error")).contains("HTTP 500");
        int partial = orderIds(c.accountId()).size();
        assertThat(partial).isPositive().isLessThan(SANDBOX.flipkart().orderIds(c.sellerId()).size());
        assertThat(watermark(c.accountId())).isNull();
        SANDBOX.faults().clear();

        assertSucceeded(syncNow(c.accountId()));

        List<String> stored = orderIds(c.accountId());
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(SANDBOX.flipkart().orderIds(c.sellerId()));
        assertThat(itemCount(c.accountId())).isEqualTo(sandboxItemCount(c.sellerId()));
    }
}
