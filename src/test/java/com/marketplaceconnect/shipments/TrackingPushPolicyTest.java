package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.accounts.ReauthorizationRequiredException;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.FailureKind;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import com.marketplaceconnect.connectors.RefusedTokenRedelivery;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/policy-tracking-push.yaml on a bare Camel context: the composed route configurations (Camel 4 appends the
 * onException clauses of every configuration a route names, in the order named) do what the push needs, with stand-in
 * connectors, outbox and outcome route. The black-box tests (ShipmentPushTest, FlipkartTrackingPushTest) run the same
 * policy against the sandbox.
 */
class TrackingPushPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camel;
    private ProducerTemplate producer;
    /** What each attempt of the "call" does: a status to fail with, an exception to throw, or null = success. */
    private final Deque<Object> answers = new LinkedList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> outbox = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<String> evicted = new CopyOnWriteArrayList<>();

    /** A connector classifying like Amazon (403 = refused token, retried later) or Flipkart (401 = renew the token). */
    private final class Stub implements MarketplaceConnector {
        private final String name;
        private final int refusedToken;
        private final boolean renewAtOnce;

        Stub(String name, int refusedToken, boolean renewAtOnce) {
            this.name = name;
            this.refusedToken = refusedToken;
            this.renewAtOnce = renewAtOnce;
        }

        @Override
        public String marketplace() {
            return name;
        }

        @Override
        public void evictToken(long accountId) {
            evicted.add(name + ":" + accountId);
        }

        @Override
        public FailureKind classify(Throwable failure) {
            int status = Connectors.statusOf(failure);
            if (status == refusedToken) {
                return renewAtOnce ? FailureKind.RENEW_TOKEN : FailureKind.RETRY;
            }
            return status == 429 || status >= 500 ? FailureKind.RETRY : FailureKind.PERMANENT;
        }

        @Override
        public boolean tokenRefused(Throwable failure) {
            return Connectors.statusOf(failure) == refusedToken;
        }
    }

    /** Stands in for ShipmentOutbox: records what the policy did to which row. */
    public class Outbox {
        public void retryLater(Exchange exchange) {
            settle(exchange, "PENDING");
        }

        public void fail(Exchange exchange) {
            settle(exchange, "FAILED");
        }

        private void settle(Exchange exchange, String state) {
            ShipmentPush push = exchange.getProperty(ShipmentExchange.PUSH, ShipmentPush.class);
            outbox.add(push.eventId() + "=" + state);
            exchange.setProperty(ShipmentExchange.STATE, state);
        }
    }

    /** A batch call's rows as the policy sees them (property pushBatch). */
    public static final class Batch {
        private final List<ShipmentPush> unsettled;

        Batch(List<ShipmentPush> unsettled) {
            this.unsettled = unsettled;
        }

        public List<ShipmentPush> getUnsettled() {
            return unsettled;
        }
    }

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        Connectors connectors = new Connectors(List.of(new Stub("AMAZON", 403, false), new Stub("FLIPKART", 401, true)));
        camel.getRegistry().bind("connectors", connectors);
        camel.getRegistry().bind("dropRefusedToken", new RefusedTokenRedelivery(connectors));
        camel.getRegistry().bind("shipmentOutbox", new Outbox());
        var loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/policy-polling-sync.yaml"));
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/policy-tracking-push.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:shipment-publish-outcome").routeId("outcome")
                        .process(e -> published.add(e.getProperty(ShipmentExchange.EVENT_ID) + "=" + e.getProperty(ShipmentExchange.STATE)));
                // A push route as Flipkart's: the shared policy and the token refresh, in either order.
                from("direct:renewing").routeId("renewing").routeConfigurationId("tracking-push,tracking-push-token-refresh")
                        .to("direct:call").setProperty(ShipmentExchange.STATE, constant("PUSHED"));
                from("direct:renewing-reversed").routeId("renewing-reversed").routeConfigurationId("tracking-push-token-refresh,tracking-push")
                        .to("direct:call").setProperty(ShipmentExchange.STATE, constant("PUSHED"));
                // As Amazon's: the shared policy alone.
                from("direct:plain").routeId("plain").routeConfigurationId("tracking-push")
                        .to("direct:call").setProperty(ShipmentExchange.STATE, constant("PUSHED"));
                from("direct:call").routeId("call").routeConfigurationId("shared-step").process(e -> {
                    calls.add(String.valueOf(e.getProperty(ShipmentExchange.EVENT_ID)));
                    Object answer = answers.poll();
                    if (answer instanceof Integer status) {
                        throw new HttpOperationFailedException("https://marketplace.test/call", status, "status " + status, null, Map.of(), "{}");
                    }
                    if (answer instanceof RuntimeException failure) {
                        throw failure;
                    }
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static ShipmentPush row(String eventId, String marketplace) {
        return new ShipmentPush(eventId.hashCode(), eventId, 7, marketplace, "IN", "IN", 11, "OD-" + eventId,
                JSON.createArrayNode(), 1, JSON.createObjectNode(), 1, false);
    }

    /** One row through the route; the outcome is the exchange's state afterwards. */
    private String push(String route, String marketplace, Object... attempts) {
        answers.clear();
        answers.addAll(Arrays.asList(attempts));
        ShipmentPush row = row("e1", marketplace);
        Exchange done = producer.send("direct:" + route, e -> {
            e.setProperty(ShipmentExchange.PUSH, row);
            e.setProperty(ShipmentExchange.EVENT_ID, row.eventId());
            e.setProperty(ShipmentExchange.ACCOUNT_ID, row.accountId());
            e.setProperty(ShipmentExchange.MARKETPLACE, marketplace);
        });
        assertThat(done.getException()).isNull();
        return done.getProperty(ShipmentExchange.STATE, String.class);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAtOnceWhicheverOrderTheConfigurationsAreNamedIn() {
        for (String route : List.of("renewing", "renewing-reversed")) {
            calls.clear();
            outbox.clear();
            evicted.clear();
            assertThat(push(route, "FLIPKART", 401, null)).as(route).isEqualTo("PUSHED");
            assertThat(calls).as(route).hasSize(2);
            assertThat(evicted).as(route).containsExactly("FLIPKART:7");
            assertThat(outbox).as(route).isEmpty();

            calls.clear();
            evicted.clear();
            assertThat(push(route, "FLIPKART", 401, 401)).as(route).isEqualTo("FAILED");
            assertThat(calls).as(route).hasSize(2);
            assertThat(evicted).as(route).containsExactly("FLIPKART:7");
            assertThat(outbox).as(route).containsExactly("e1=FAILED");
        }
    }

    @Test
    void theSharedClausesDecideByWhatTheConnectorSays() {
        for (String route : List.of("renewing", "renewing-reversed", "plain")) {
            assertThat(push(route, "FLIPKART", 503)).as(route).isEqualTo("PENDING");
            assertThat(push(route, "FLIPKART", 429)).as(route).isEqualTo("PENDING");
            assertThat(push(route, "FLIPKART", 400)).as(route).isEqualTo("FAILED");
            assertThat(push(route, "FLIPKART", new PermanentPushException("not self-ship"))).as(route).isEqualTo("FAILED");
            assertThat(push(route, "FLIPKART", new ReauthorizationRequiredException("Bad credentials"))).as(route).isEqualTo("FAILED");
            assertThat(push(route, "FLIPKART", new IllegalStateException("unexpected"))).as(route).isEqualTo("PENDING");
        }
        assertThat(evicted).isEmpty();
    }

    @Test
    void amazonsRefusedTokenIsDroppedAndTheRowRetriedLater() {
        calls.clear();
        assertThat(push("plain", "AMAZON", 403)).isEqualTo("PENDING");
        assertThat(calls).hasSize(1);
        assertThat(evicted).containsExactly("AMAZON:7");
        assertThat(published).containsExactly("e1=PENDING");

        evicted.clear();
        assertThat(push("plain", "AMAZON", 503)).isEqualTo("PENDING");
        assertThat(push("plain", "AMAZON", 401)).isEqualTo("FAILED");
        assertThat(push("plain", "AMAZON", new IllegalStateException("unexpected"))).isEqualTo("PENDING");
        assertThat(evicted).isEmpty();
    }

    @Test
    void aFailedBatchCallSettlesEachRowNotSettledYetOnItsOwnRow() {
        List<ShipmentPush> rows = new ArrayList<>(List.of(row("b1", "FLIPKART"), row("b2", "FLIPKART")));
        for (Object failure : List.of(503, 400)) {
            outbox.clear();
            published.clear();
            answers.clear();
            answers.add(failure);
            Exchange done = producer.send("direct:renewing", e -> {
                e.setProperty("pushBatch", new Batch(rows));
                e.setProperty(ShipmentExchange.ACCOUNT_ID, 7L);
                e.setProperty(ShipmentExchange.MARKETPLACE, "FLIPKART");
                e.setProperty(ShipmentExchange.EVENT_ID, "[b1, b2]");
            });
            assertThat(done.getException()).isNull();
            String state = failure.equals(503) ? "PENDING" : "FAILED";
            assertThat(outbox).containsExactly("b1=" + state, "b2=" + state);
            assertThat(published).containsExactly("b1=" + state, "b2=" + state);
        }
    }
}
