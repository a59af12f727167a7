package com.marketplaceconnect.reliability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At least 30 distinct malformed shipment events through the Kafka door (all on one partition, between two good
 * events), a subset through the REST and folder doors: each is dead-lettered with a reason, the consumer keeps
 * running, the good events before and after are pushed, nothing bad reaches the marketplace, no secret is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadShipmentEventsTest extends ReliabilityTestSupport {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static Amazon seller;

    private Amazon seller() {
        if (seller == null) {
            seller = connectAmazon(200, Duration.ofDays(2));   // about 12% UNSHIPPED and seller-fulfilled: the tests use 9
            assertThat(syncNow(seller.accountId()).get("status")).isEqualTo("SUCCEEDED");
        }
        return seller;
    }

    private record Bad(String name, String payload) {
    }

    private String order(int n) {
        return unshippedOrders(seller().accountId()).get(n);
    }

    private String variant(String orderId, Consumer<Map<String, Object>> change) {
        Map<String, Object> e = event(seller().accountId(), orderId);
        change.accept(e);
        return json(e);
    }

    /** The catalogue of bad input; every entry must be refused with a reason. */
    private List<Bad> badEvents(String orderId, String marker) {
        long account = seller().accountId();
        Map<String, Object> item = jdbc.queryForMap("""
                select i.marketplace_item_id, i.sku, i.quantity from order_item i join orders o on o.id = i.order_id
                 where o.account_id = ? and o.marketplace_order_id = ? order by i.id limit 1""", account, orderId);
        String itemId = (String) item.get("marketplace_item_id");
        int ordered = (Integer) item.get("quantity");
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("not JSON", "{\"eventId\": \"" + marker + "\", oops"));
        bad.add(new Bad("empty body", ""));
        bad.add(new Bad("blank body", "   \n "));
        bad.add(new Bad("JSON null", "null"));
        bad.add(new Bad("JSON array", "[{\"eventId\":\"" + marker + "\"}]"));
        bad.add(new Bad("JSON string", "\"" + marker + "\""));
        bad.add(new Bad("JSON number", "42"));
        bad.add(new Bad("empty object", "{}"));
        bad.add(new Bad("truncated", variant(orderId, e -> {}).substring(0, 40)));
        bad.add(new Bad("missing eventId", variant(orderId, e -> e.remove("eventId"))));
        bad.add(new Bad("missing account", variant(orderId, e -> e.remove("accountId"))));
        bad.add(new Bad("missing order", variant(orderId, e -> e.remove("marketplaceOrderId"))));
        bad.add(new Bad("missing carrier", variant(orderId, e -> e.remove("carrierCode"))));
        bad.add(new Bad("missing tracking", variant(orderId, e -> e.remove("trackingNumber"))));
        bad.add(new Bad("missing shipDate", variant(orderId, e -> e.remove("shipDate"))));
        bad.add(new Bad("empty eventId", variant(orderId, e -> e.put("eventId", ""))));
        bad.add(new Bad("empty tracking", variant(orderId, e -> e.put("trackingNumber", ""))));
        bad.add(new Bad("empty carrier", variant(orderId, e -> e.put("carrierCode", ""))));
        bad.add(new Bad("empty order id", variant(orderId, e -> e.put("marketplaceOrderId", ""))));
        bad.add(new Bad("null tracking", variant(orderId, e -> e.put("trackingNumber", null))));
        bad.add(new Bad("accountId a string", variant(orderId, e -> e.put("accountId", "abc"))));
        bad.add(new Bad("accountId an object", variant(orderId, e -> e.put("accountId", Map.of("id", account)))));
        bad.add(new Bad("accountId negative", variant(orderId, e -> e.put("accountId", -account))));
        // 2^64 + 1 + account: as a long it would wrap to the seller's own account.
        bad.add(new Bad("accountId beyond a long", variant(orderId, e -> e.put("accountId",
                java.math.BigInteger.ONE.shiftLeft(64).add(java.math.BigInteger.valueOf(account))))));
        bad.add(new Bad("tracking a number", variant(orderId, e -> e.put("trackingNumber", 123456))));
        bad.add(new Bad("items an object", variant(orderId, e -> e.put("items", Map.of("orderItemId", itemId, "quantity", 1)))));
        bad.add(new Bad("items empty", variant(orderId, e -> e.put("items", List.of()))));
        bad.add(new Bad("quantity a string", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", "two"))))));
        bad.add(new Bad("quantity zero", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", 0))))));
        bad.add(new Bad("quantity negative", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", -3))))));
        bad.add(new Bad("more than ordered", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", ordered + 1))))));
        bad.add(new Bad("quantity overflow", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", 99999999999L))))));
        bad.add(new Bad("quantity wraps to 1 as an int", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", itemId, "quantity", 4_294_967_297L))))));
        bad.add(new Bad("quantities summing past int", variant(orderId, e -> e.put("items", List.of(
                Map.of("orderItemId", itemId, "quantity", Integer.MAX_VALUE), Map.of("orderItemId", itemId, "quantity", Integer.MAX_VALUE))))));
        bad.add(new Bad("unknown item", variant(orderId, e -> e.put("items", List.of(Map.of("orderItemId", "X" + marker, "quantity", 1))))));
        bad.add(new Bad("unknown sku", variant(orderId, e -> e.put("items", List.of(Map.of("sku", "SKU-" + marker, "quantity", 1))))));
        bad.add(new Bad("item without id", variant(orderId, e -> e.put("items", List.of(Map.of("quantity", 1))))));
        bad.add(new Bad("unknown account", variant(orderId, e -> e.put("accountId", 987_654_321L))));
        bad.add(new Bad("unknown marketplace seller", variant(orderId, e -> {
            e.remove("accountId");
            e.put("marketplace", "AMAZON");
            e.put("externalAccountId", "NOSUCH" + marker);
        })));
        bad.add(new Bad("unknown marketplace", variant(orderId, e -> {
            e.remove("accountId");
            e.put("marketplace", "EBAY");
            e.put("externalAccountId", seller().spid());
        })));
        bad.add(new Bad("unknown order", variant("404-" + marker, e -> {})));
        bad.add(new Bad("another seller's account", variant(orderId, e -> e.put("accountId", otherAccount()))));
        bad.add(new Bad("date not a date", variant(orderId, e -> e.put("shipDate", "yesterday"))));
        bad.add(new Bad("date out of range", variant(orderId, e -> e.put("shipDate", "2026-13-45T99:99:99+05:30"))));
        bad.add(new Bad("date without offset", variant(orderId, e -> e.put("shipDate", "2026-11-05T14:30:00"))));
        bad.add(new Bad("date in year 1", variant(orderId, e -> e.put("shipDate", "0001-01-01T00:00:00Z"))));
        bad.add(new Bad("date in 1970", variant(orderId, e -> e.put("shipDate", "1970-01-01T00:00:00Z"))));
        bad.add(new Bad("date far in the future", variant(orderId, e -> e.put("shipDate", "2999-12-31T23:59:59+05:30"))));
        bad.add(new Bad("misspelt field", variant(orderId, e -> e.put("trackingNumbr", "x"))));
        bad.add(new Bad("eventId too long", variant(orderId, e -> e.put("eventId", "e".repeat(101)))));
        bad.add(new Bad("tracking too long", variant(orderId, e -> e.put("trackingNumber", "9".repeat(101)))));
        bad.add(new Bad("trackingUrl not a URL", variant(orderId, e -> e.put("trackingUrl", "not a url with spaces"))));
        bad.add(new Bad("NUL in tracking", variant(orderId, e -> e.put("trackingNumber", "BD\u0000" + marker.substring(0, 8)))));
        bad.add(new Bad("NUL in eventId", variant(orderId, e -> e.put("eventId", "evt\u0000" + marker))));
        bad.add(new Bad("unicode in every field", json(unicodeEverywhere(marker))));
        bad.add(new Bad("nested too deep", "{\"eventId\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        bad.add(new Bad("900 KB tracking", variant(orderId, e -> e.put("trackingNumber", "T".repeat(900_000)))));
        return bad;
    }

    private static long otherAccountId;

    private long otherAccount() {
        if (otherAccountId == 0) otherAccountId = connectAmazon(0).accountId();
        return otherAccountId;
    }

    private static Map<String, Object> unicodeEverywhere(String marker) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", "évènement-✓-🚚-" + marker);
        e.put("marketplace", "AMAZON");
        e.put("externalAccountId", "Ärger-販売者-" + marker);
        e.put("region", "Ёвро");
        e.put("marketplaceOrderId", "注文-١٢٣-" + marker);
        e.put("carrierCode", "ブルーダート");
        e.put("carrierName", "Блу Дарт 🚀");
        e.put("shippingMethod", "Ŝtandard");
        e.put("trackingNumber", "追跡-𝟙𝟚𝟛");
        e.put("trackingUrl", "https://例え.テスト/追跡?q=ü");
        e.put("shipDate", "２０２６-11-05T14:30:00+05:30");
        e.put("items", List.of(Map.of("sku", "שׂקו-‮reversed", "quantity", 1)));
        return e;
    }

    @Test
    void everyMalformedEventOnTheTopicIsDeadLetteredWithAReasonAndGoodOnesAroundThemArePushed(CapturedOutput output) {
        String marker = UUID.randomUUID().toString();
        String before = order(0);
        String after = order(1);
        List<Bad> bad = badEvents(order(2), marker);
        assertThat(bad.stream().map(Bad::name).distinct()).hasSizeGreaterThanOrEqualTo(30).hasSize(bad.size());

        Map<String, Object> good1 = event(seller().accountId(), before);
        Map<String, Object> good2 = event(seller().accountId(), after);
        good2.put("eventId", "après-✓-" + marker);
        good2.put("carrierName", "Blue Dart — Ünïcödé");
        // One partition, in this order: good, every bad one, good. Keys name the bad ones in the dead-letter topic.
        sendTo0(before, json(good1));
        for (int i = 0; i < bad.size(); i++) {
            sendTo0("bad-" + marker + "-" + i, bad.get(i).payload());
        }
        sendTo0(after, json(good2));

        await().atMost(Duration.ofSeconds(90)).until(() -> "PUSHED".equals(stateOf((String) good1.get("eventId")))
                && "PUSHED".equals(stateOf((String) good2.get("eventId"))));
        List<ConsumerRecord<String, String>> dead = awaitRecords(DLT, bad.size(), r -> r.key() != null && r.key().startsWith("bad-" + marker));
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> r : dead) {
            assertThat(reasons.put(r.key(), header(r, "reason"))).as("dead-lettered once: " + r.key()).isNull();
        }
        for (int i = 0; i < bad.size(); i++) {
            String reason = reasons.get("bad-" + marker + "-" + i);
            assertThat(reason).as(bad.get(i).name()).isNotBlank().isNotEqualTo("rejected");
        }
        // The good ones reached Amazon once each; nothing of the bad ones did.
        assertThat(SANDBOX.amazon().shipmentConfirmations(before)).hasSize(1);
        assertThat(SANDBOX.amazon().shipmentConfirmations(after)).hasSize(1);
        assertThat(SANDBOX.amazon().shipmentConfirmations(order(2))).isEmpty();
        assertThat(SANDBOX.amazon().shipmentConfirmations(after).get(0).at("/packageDetail/carrierName").asText())
                .isEqualTo("Blue Dart — Ünïcödé");
        assertThat(jdbc.queryForObject("select count(*) from shipment_event where state <> 'REJECTED' and order_id in "
                + "(select id from orders where account_id = ? and marketplace_order_id = ?)", Integer.class, seller().accountId(), order(2)))
                .isZero();
        assertNoSecretIn("log output", output.getAll());
    }

    private static void sendTo0(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(EVENTS, 0, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRestDoorRefusesEachWithAReasonAndStaysUp(CapturedOutput output) {
        String marker = UUID.randomUUID().toString();
        List<Bad> bad = new ArrayList<>(badEvents(order(3), marker).stream()
                .filter(b -> !b.name().startsWith("900 KB")).toList());
        bad.add(new Bad("10 MB body", variant(order(3), e -> e.put("trackingNumber", "T".repeat(TEN_MB)))));
        Map<String, Object> good1 = event(seller().accountId(), order(4));
        assertThat(api().post("/api/shipments", json(good1)).status()).isEqualTo(202);
        for (Bad b : bad) {
            var r = api().post("/api/shipments", b.payload());
            assertThat(r.status()).as(b.name() + ": " + abbreviate(r.body())).isIn(400, 413, 422);
            if (r.status() != 413) {
                assertThat(r.json().get("detail").asText()).as(b.name()).isNotBlank();
            }
        }
        Map<String, Object> good2 = event(seller().accountId(), order(5));
        assertThat(api().post("/api/shipments", json(good2)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "PUSHED".equals(stateOf((String) good1.get("eventId")))
                && "PUSHED".equals(stateOf((String) good2.get("eventId"))));
        assertThat(SANDBOX.amazon().shipmentConfirmations(order(3))).isEmpty();
        assertNoSecretIn("log output", output.getAll());
    }

    @Test
    void theFolderDoorMovesEachToErrorWithAReasonAndGoesOn(CapturedOutput output) throws Exception {
        String marker = UUID.randomUUID().toString();
        Path inbox = Path.of("target/test-inbox/shipments");
        Files.createDirectories(inbox);
        List<Bad> all = badEvents(order(6), marker);
        List<Bad> bad = new ArrayList<>();
        for (String name : List.of("not JSON", "empty body", "JSON array", "missing tracking", "quantity a string",
                "more than ordered", "unknown order", "date in 1970", "NUL in tracking", "unicode in every field")) {
            bad.add(all.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow());
        }
        bad.add(new Bad("10 MB body", variant(order(6), e -> e.put("trackingNumber", "T".repeat(TEN_MB)))));
        Map<String, Object> good1 = event(seller().accountId(), order(7));
        drop(inbox, "a-" + marker + ".json", json(good1));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            String name = "b-" + marker + "-" + i + ".json";
            names.add(name);
            drop(inbox, name, bad.get(i).payload());
        }
        Map<String, Object> good2 = event(seller().accountId(), order(8));
        drop(inbox, "c-" + marker + ".json", json(good2));

        await().atMost(Duration.ofSeconds(90)).until(() -> "PUSHED".equals(stateOf((String) good1.get("eventId")))
                && "PUSHED".equals(stateOf((String) good2.get("eventId")))
                && names.stream().allMatch(n -> Files.exists(inbox.resolve(".error").resolve(n + ".reason"))
                        && Files.exists(inbox.resolve(".error").resolve(n))));
        for (int i = 0; i < bad.size(); i++) {
            assertThat(Files.readString(inbox.resolve(".error").resolve(names.get(i) + ".reason"))).as(bad.get(i).name()).isNotBlank();
        }
        assertThat(SANDBOX.amazon().shipmentConfirmations(order(6))).isEmpty();
        assertNoSecretIn("log output", output.getAll());
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Path tmp = inbox.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…";
    }
}
