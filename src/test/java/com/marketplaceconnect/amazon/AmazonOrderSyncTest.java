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
}
