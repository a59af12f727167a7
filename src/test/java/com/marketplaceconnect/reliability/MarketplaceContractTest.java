package com.marketplaceconnect.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Marketplace answers that break their contract (a missing required array, orders without their id, unknown enum
 * values, wrong types, extra fields, an empty page that still has a next token) end the run with a reason or are
 * stored as received; they never leave a run hanging, never store an order twice or under a made-up id, and the next
 * clean run completes. Plus: order ids and SKUs made of quotes and SQL survive a sync and a shipment event intact.
 */
@ExtendWith(OutputCaptureExtension.class)
class MarketplaceContractTest extends ReliabilityTestSupport {
    private static final String SEARCH = "/orders/2026-01-01/orders";
    private static final String FILTER = "/sellers/v3/shipments/filter";
    static final String HOSTILE_ORDER_ID = "O'Brien'); DROP TABLE orders;--";
    static final String HOSTILE_SKU = "SKU\"; DELETE FROM order_item; SELECT '1";

    private static ObjectNode page(List<ObjectNode> orders, String nextToken) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode array = page.putArray("orders");
        orders.forEach(array::add);
        ObjectNode pagination = page.putObject("pagination");
        if (nextToken != null) pagination.put("nextToken", nextToken);
        return page;
    }

    /** The same contract-breaking answer for the next 10 calls: every retry of the run gets it too. */
    private static FaultRule persistent(String prefix, String body) {
        return new FaultRule(null, prefix, com.marketplaceconnect.sandbox.FaultKind.CUSTOM_BODY, 10, 1.0, Duration.ZERO, 0, 200, body);
    }

    private int tableCount(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    @Test
    void amazonAnswersThatBreakTheContractNeitherHangNorCorruptAndTheNextRunCompletes(CapturedOutput output) {
        Amazon a = connectAmazon(30);
        Set<String> truth = new HashSet<>(SANDBOX.amazon().orderIds(a.spid()));
        List<String> ids = SANDBOX.amazon().orderIds(a.spid());

        // 1. No orders array at all: the run fails with a reason, nothing stored.
        SANDBOX.faults().add(persistent(SEARCH, "{\"pagination\":{},\"payload\":{\"Orders\":[]}}"));
        Map<String, Object> run = syncNow(a.accountId());
        SANDBOX.faults().clear();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error")).contains("orders array");
        assertThat(storedOrderIds(a.accountId())).isEmpty();

        // 2. An empty page that still names a next page (a token the marketplace then refuses): fails with a reason.
        SANDBOX.faults().add(FaultRule.body(SEARCH, 200, page(List.of(), "bm90LWEtcmVhbC10b2tlbg==").toString()));
        run = syncNow(a.accountId());
        assertThat(run.get("status")).isIn("FAILED", "SUCCEEDED");
        if ("FAILED".equals(run.get("status"))) assertThat(run.get("error")).isNotNull();
        jdbc.update("delete from order_item where order_id in (select id from orders where account_id = ?)", a.accountId());
        jdbc.update("delete from orders where account_id = ?", a.accountId());
        jdbc.update("delete from sync_cursor where account_id = ?", a.accountId());

        // 3. One page of real orders, broken in every way but the id and time: unknown enum values, wrong types,
        //    extra fields; and copies without orderId or lastUpdatedTime, which cannot be stored and are skipped.
        ObjectNode odd = SANDBOX.amazon().order(ids.get(0)).deepCopy();
        ((ObjectNode) odd.get("fulfillment")).put("fulfillmentStatus", "TELEPORTED").put("fulfilledBy", "DRONE");
        odd.put("surprise", "an extra field").putObject("nested").put("deeper", true);
        ((ObjectNode) odd.get("orderItems").get(0)).put("quantityOrdered", "many").put("extra", List.of(1, 2).toString());
        ObjectNode noId = SANDBOX.amazon().order(ids.get(1)).deepCopy();
        noId.remove("orderId");
        ObjectNode noTime = SANDBOX.amazon().order(ids.get(2)).deepCopy();
        noTime.remove("lastUpdatedTime");
        ObjectNode nullId = SANDBOX.amazon().order(ids.get(3)).deepCopy();
        nullId.putNull("orderId");
        ObjectNode objectId = SANDBOX.amazon().order(ids.get(4)).deepCopy();
        objectId.putObject("orderId").put("value", ids.get(4));
        ObjectNode page = page(List.of(odd, noId, noTime, nullId, objectId), null);
        page.put("unexpectedTopLevel", 42);
        SANDBOX.faults().add(FaultRule.body(SEARCH, 200, page.toString()));
        run = syncNow(a.accountId());
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isIn("SUCCEEDED", "FAILED");
        assertThat(storedOrderIds(a.accountId())).containsExactly(ids.get(0));
        Map<String, Object> row = jdbc.queryForMap("select * from orders where account_id = ? and marketplace_order_id = ?", a.accountId(), ids.get(0));
        assertThat(row.get("marketplace_status")).isEqualTo("TELEPORTED");
        assertThat(row.get("raw").toString()).contains("an extra field");
        assertThat(jdbc.queryForObject("select count(*) from order_item where order_id = ?", Integer.class, row.get("id")))
                .isEqualTo(odd.get("orderItems").size());

        // 4. The marketplace answers properly again: one clean run, every order exactly once. The skipped copies
        //    are fetched again because the failed runs did not move the watermark; the one that succeeded did, so
        //    reset it as an operator would to re-read the window.
        jdbc.update("delete from sync_cursor where account_id = ?", a.accountId());
        run = syncNow(a.accountId());
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        assertEveryOrderOnce(a.accountId(), truth);
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void flipkartAnswersThatBreakTheContractNeitherHangNorCorruptAndTheNextRunCompletes(CapturedOutput output) {
        Flipkart f = connectFlipkart(30);
        // No shipments array; then an empty page that says hasMore with a next page the sandbox does not know.
        SANDBOX.faults().add(persistent(FILTER, "{\"hasMore\":false,\"data\":[]}"));
        Map<String, Object> run = syncNow(f.accountId());
        SANDBOX.faults().clear();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error")).contains("shipments array");
        SANDBOX.faults().add(FaultRule.body(FILTER, 200, "{\"shipments\":[],\"hasMore\":true,\"nextPageUrl\":\"/v3/shipments/filter?next_token=bm90LXJlYWw\"}"));
        run = syncNow(f.accountId());
        assertThat(run.get("status")).isIn("FAILED", "SUCCEEDED");
        if ("FAILED".equals(run.get("status"))) assertThat(run.get("error")).isNotNull();
        // hasMore without a next page.
        SANDBOX.faults().add(persistent(FILTER, "{\"shipments\":[],\"hasMore\":true}"));
        run = syncNow(f.accountId());
        SANDBOX.faults().clear();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error")).contains("nextPageUrl");
        // A shipment with unknown status words, wrong types and extra fields, and one without its ids.
        String shipmentId = SANDBOX.flipkart().shipmentIds(f.sellerId()).get(0);
        ObjectNode odd = SANDBOX.flipkart().shipment(shipmentId).deepCopy();
        ((ObjectNode) odd.get("orderItems").get(0)).put("status", "LEVITATING").put("quantity", "several").put("extra", true);
        odd.put("surprise", "an extra field");
        ObjectNode noIds = SANDBOX.flipkart().shipment(SANDBOX.flipkart().shipmentIds(f.sellerId()).get(1)).deepCopy();
        noIds.remove("shipmentId");
        ObjectNode page = JSON.createObjectNode();
        page.putArray("shipments").add(odd).add(noIds);
        page.put("hasMore", false).put("nextPageUrl", "/v3/shipments/filter?next_token=x").put("unexpected", 1);
        SANDBOX.faults().add(FaultRule.body(FILTER, 200, page.toString()));
        run = syncNow(f.accountId());
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isIn("SUCCEEDED", "FAILED");
        List<String> stored = storedOrderIds(f.accountId());
        assertThat(stored).doesNotHaveDuplicates().isSubsetOf(SANDBOX.flipkart().orderIds(f.sellerId()));

        jdbc.update("delete from sync_cursor where account_id = ?", f.accountId());
        run = syncNow(f.accountId());
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        assertEveryOrderOnce(f.accountId(), SANDBOX.flipkart().orderIds(f.sellerId()));
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void anOrderIdAndSkuMadeOfQuotesAndSqlSurviveASyncAndAShipmentEventIntact() {
        Amazon a = connectAmazon(5);
        String realId = SANDBOX.amazon().orderIds(a.spid()).get(0);
        ObjectNode hostile = SANDBOX.amazon().order(realId).deepCopy();
        hostile.put("orderId", HOSTILE_ORDER_ID);
        ((ObjectNode) hostile.get("fulfillment")).put("fulfillmentStatus", "UNSHIPPED").put("fulfilledBy", "MERCHANT");
        ObjectNode item = (ObjectNode) hostile.get("orderItems").get(0);
        ((ObjectNode) item.get("product")).put("sellerSku", HOSTILE_SKU);
        item.put("orderItemId", "1'; --");
        ObjectNode page = JSON.createObjectNode();
        page.putArray("orders").add(hostile);
        page.putObject("pagination");
        int orders = tableCount("orders");
        SANDBOX.faults().add(FaultRule.body(SEARCH, 200, page.toString()));
        Map<String, Object> run = syncNow(a.accountId());
        assertThat(run.get("status")).as(String.valueOf(run.get("error"))).isEqualTo("SUCCEEDED");
        assertThat(storedOrderIds(a.accountId())).containsExactly(HOSTILE_ORDER_ID);
        assertThat(tableCount("orders")).isEqualTo(orders + 1);
        assertThat(jdbc.queryForList("select i.sku from order_item i join orders o on o.id = i.order_id where o.account_id = ?",
                String.class, a.accountId())).contains(HOSTILE_SKU);

        // A shipment event naming the order and the item by that SKU, through the API door.
        Map<String, Object> e = event(a.accountId(), HOSTILE_ORDER_ID);
        e.put("items", List.of(Map.of("sku", HOSTILE_SKU, "quantity", 1)));
        e.put("trackingNumber", "TRK'); DROP TABLE shipment_event;--");
        var r = api().post("/api/shipments", json(e));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        Map<String, Object> row = jdbc.queryForMap("select * from shipment_event where event_id = ?", e.get("eventId"));
        assertThat(row.get("marketplace_order_id")).isEqualTo(HOSTILE_ORDER_ID);
        assertThat(row.get("items").toString()).contains("DELETE FROM order_item");
        // The sandbox has no such order: the push ends with a reason, never hangs; every table is still there.
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("PUSHED", "FAILED", "DEAD").contains(stateOf((String) e.get("eventId"))));
        assertThat(jdbc.queryForObject("select last_error from shipment_event where event_id = ?", String.class, e.get("eventId"))).isNotBlank();
        assertThat(api().get("/api/shipments/" + java.net.URLEncoder.encode((String) e.get("eventId"), java.nio.charset.StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        assertThat(tableCount("orders")).isGreaterThanOrEqualTo(orders + 1);
        assertThat(tableCount("order_item")).isPositive();
        assertThat(tableCount("shipment_event")).isPositive();
    }
}
