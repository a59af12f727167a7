package com.marketplaceconnect.sync;

import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import com.marketplaceconnect.support.SecondInstance;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Sync Orders" and a scheduled cycle on an instance whose Kafka broker is unreachable (its bootstrap address refuses
 * every connection): the request cannot be published, so the instance syncs the account itself, and the API still
 * answers 202 with the run id at once. The reliability run's CrashIT (c) does the same against a separate process.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncWithoutKafkaTest extends IntegrationTest {
    private static final String IN = "A21TJRUUN4KGV";
    private static final String NODE = "node-without-kafka";

    private static SecondInstance node;

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private long connect(int orders) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, orders, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        var response = new Api(baseUrl()).post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private Map<String, Object> run(long runId) {
        return jdbc.queryForMap("select * from sync_run where id = ?", runId);
    }

    private long syncOnNode(Api onNode, long accountId, Duration answerWithin) {
        Instant asked = Instant.now();
        var response = onNode.post("/api/accounts/" + accountId + "/sync", Map.of());
        Duration took = Duration.between(asked, Instant.now());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(took).isLessThan(answerWithin);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(run(runId).get("status")));
        return runId;
    }

    @Test
    void syncOrdersAndTheScheduleSyncOnTheInstanceItselfWhileKafkaIsAway(CapturedOutput output) throws Exception {
        int refusing;
        try (ServerSocket s = new ServerSocket(0)) {
            refusing = s.getLocalPort();   // closed again: connections to it are refused
        }
        node = SecondInstance.start(NODE, Map.of("kafka.bootstrap-servers", "127.0.0.1:" + refusing,
                "sync.requests.publish-timeout-ms", "1000"));
        Api onNode = new Api(node.baseUrl());
        long account = connect(30);

        // The first request waits for Kafka at most the publish timeout (1 s here), then runs on the instance.
        long first = syncOnNode(onNode, account, Duration.ofSeconds(5));
        assertThat(run(first).get("status")).as(String.valueOf(run(first).get("error"))).isEqualTo("SUCCEEDED");
        assertThat(run(first).get("owner")).isEqualTo(NODE);
        assertThat(run(first).get("orders_inserted")).isEqualTo(30);
        assertThat(output.getAll()).contains("Kafka did not take the sync request for account " + account);

        // While Kafka counts as away, the next one does not wait for the broker at all.
        long second = syncOnNode(onNode, account, Duration.ofSeconds(1));
        assertThat(run(second).get("status")).isEqualTo("SUCCEEDED");
        assertThat(run(second).get("owner")).isEqualTo(NODE);

        // A scheduled cycle's request for the account (what publish-sync-requests sends for each one) likewise.
        node.context().getBean(CamelContext.class).createProducerTemplate().send("direct:dispatch-sync-request", exchange -> {
            exchange.setProperty(SyncProperties.ACCOUNT_ID, account);
            exchange.setProperty(SyncProperties.MARKETPLACE, "AMAZON");
            exchange.setProperty(SyncProperties.TRIGGER, "SCHEDULED");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_run where account_id = ? and trigger = 'SCHEDULED' and status = 'SUCCEEDED' and owner = ?",
                Integer.class, account, NODE) == 1);
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, account)).isEqualTo(30);
    }
}
