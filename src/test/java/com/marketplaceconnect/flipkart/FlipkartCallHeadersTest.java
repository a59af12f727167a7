package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ExchangeBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Flipkart call carries: only the headers its route sets (the token, Accept, Content-Type), whatever else the
 * exchange holds: a header of the flow (X-Internal-Secret), or the CamelHttp* headers of an earlier call.
 */
class FlipkartCallHeadersTest extends IntegrationTest {
    private static final String SECRET = "s3cret-" + UUID.randomUUID();

    @Autowired
    CamelContext camel;

    private long connect(String sellerId) {
        FlipkartSeller seller = SANDBOX.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        SANDBOX.flipkart().generateShipments(sellerId, 5, now.minus(Duration.ofDays(3)), now.minus(Duration.ofMinutes(5)), sellerId.hashCode());
        var response = new Api(baseUrl()).post("/api/accounts/flipkart", Map.of("sellerId", sellerId, "applicationId", seller.appId(),
                "applicationSecret", seller.appSecret()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    /** Sends an exchange to a call route with the flow's own header and an earlier call's CamelHttp* headers on it. */
    private RecordedCall call(String route, long accountId, Map<String, Object> properties) {
        ExchangeBuilder builder = ExchangeBuilder.anExchange(camel)
                .withProperty("accountId", accountId)
                .withHeader("X-Internal-Secret", SECRET)
                .withHeader(Exchange.HTTP_URI, "http://127.0.0.1:9/elsewhere")
                .withHeader(Exchange.HTTP_PATH, "/v3/shipments/an-earlier-call")
                .withHeader(Exchange.HTTP_QUERY, "next_token=an-earlier-call");
        properties.forEach(builder::withProperty);
        int before = SANDBOX.calls().size();
        ProducerTemplate producer = camel.createProducerTemplate();
        Exchange done = producer.send("direct:" + route, builder.build());
        assertThat(done.getException()).isNull();
        List<RecordedCall> calls = SANDBOX.calls().all();
        assertThat(calls.size()).isGreaterThan(before);
        return calls.stream().filter(c -> c.path().startsWith("/sellers/")).reduce((a, b) -> b).orElseThrow();
    }

    private static void assertOnlyItsOwnHeaders(RecordedCall call) {
        assertThat(call.header("authorization")).startsWith("Bearer ");
        assertThat(call.headers()).doesNotContainKey("x-internal-secret");
        assertThat(call.headers().keySet()).noneMatch(h -> h.startsWith("camel"));
        assertThat(call.headers().values()).noneMatch(v -> v.contains(SECRET) || v.contains("an-earlier-call"));
    }

    @Test
    void aSearchAndADetailsCallCarryNeitherTheFlowsHeadersNorAnEarlierCallsPath() {
        String sellerId = "fkhdr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        long accountId = connect(sellerId);
        Instant now = CLOCK.instant();

        RecordedCall search = call("flipkart-search-shipments-page", accountId, Map.of(
                "flipkartSearch", FlipkartSearch.ALL.get(0),
                "syncWindow", new SyncWindow(List.of("IN"), List.of("IN"), now.minus(Duration.ofDays(7)), now)));
        assertThat(search.method()).isEqualTo("POST");
        assertThat(search.path()).isEqualTo("/sellers/v3/shipments/filter");
        assertThat(search.rawQuery()).isNull();
        assertThat(search.status()).isEqualTo(200);
        assertOnlyItsOwnHeaders(search);

        String shipmentId = SANDBOX.flipkart().shipmentIds(sellerId).get(0);
        RecordedCall details = call("flipkart-shipment-details", accountId, Map.of("flipkartShipmentIds", shipmentId));
        assertThat(details.method()).isEqualTo("GET");
        assertThat(details.path()).isEqualTo("/sellers/v3/shipments/" + shipmentId);
        assertThat(details.rawQuery()).isNull();
        assertThat(details.status()).isEqualTo(200);
        assertOnlyItsOwnHeaders(details);
    }
}
