package com.marketplaceconnect.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.shopify.ShopifyOrder;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;
import com.marketplaceconnect.support.Browser;
import com.marketplaceconnect.support.TestPostgres;

/**
 * Shopify's part of the crash suite ({@code mvn -B -Preliability verify}, RELIABILITY.md), on CrashIT's approach: the
 * service as its own JVM, SIGKILLed and restarted on the same port (Shopify's webhook subscriptions point there),
 * against this JVM's sandbox and a fresh PostgreSQL database.
 * <ul>
 *   <li>mid-intake: the service is killed three times while the sandbox delivers orders/create webhooks; after the
 *   restarts Shopify's retries and one reconciliation bring every order, each stored once;</li>
 *   <li>mid-push: killed three times while fulfilling; every event ends PUSHED and no order gets a second
 *   fulfillment (a retried event finds the fulfillment an earlier attempt created).</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ShopifyCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static MarketplaceSandbox sandbox;
    private static EmbeddedKafkaKraftBroker kafka;
    private static String jdbcUrl;
    private static String dbUser;
    private static int port;
    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void harness() throws Exception {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withRateLimitsEnabled(false));
        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shipments.events", "shipments.events.dlt", "shipments.tracking-pushed");
        kafka.afterPropertiesSet();
        jdbcUrl = TestPostgres.jdbcUrl();
        dbUser = TestPostgres.user();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        kafka.destroy();
        sandbox.close();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ServiceProcess svc : started) {
            if (svc.alive()) svc.kill();
        }
        started.clear();
        sandbox.faults().clear();
    }

    private ServiceProcess startService() throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", dbUser);
        p.put("spring.datasource.password", "");
        p.put("kafka.bootstrap-servers", kafka.getBrokersAsString());
        p.put("api.keys", CrashIT.API_KEY);
        p.put("operations.password", "crash-operator-password");
        p.put("credentials.dev-keyset-file", "target/reliability/keyset.json");
        p.put("amazon.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("flipkart.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("shopify.sync.cron", "0 0 0 1 1 ? 2099");
        p.put("shopify.shop-base-url", sandbox.baseUrl() + "/shopify/{shop}");
        p.put("shopify.client-id", "shopify-sandbox-client");
        p.put("shopify.client-secret", "shopify-sandbox-secret");
        p.put("sync.retry.initial-delay-ms", "50");
        p.put("sync.retry.max-delay-ms", "500");
        p.put("sync.stale-after", "PT3S");
        p.put("shipments.push.lease", "PT3S");
        p.put("shipments.push.poll-interval-ms", "200");
        p.put("shipments.push.retry.initial-delay", "PT0.2S");
        p.put("shipments.push.retry.max-delay", "PT1S");
        p.put("shipments.folder.path", "target/reliability/inbox");
        p.put("logging.level.root", "INFO");
        ServiceProcess svc = ServiceProcess.start(port, p);
        started.add(svc);
        svc.awaitUp(Duration.ofMinutes(3));
        // Health answers while Camel is still starting; a connect then could not subscribe the webhooks yet.
        await("the service started", Duration.ofMinutes(3), () -> quietly(() -> Files.readString(svc.log))
                .contains("Started MarketplaceConnectApplication"));
        return svc;
    }

    private static void figure(String line) throws IOException {
        System.out.println("RELIABILITY " + line);
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/figures.txt"), Instant.now() + " " + line + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static List<String> strings(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            List<String> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) result.add(rs.getString(1));
            }
            return result;
        }
    }

    private static int count(String sql, Object... args) {
        try {
            return Integer.parseInt(strings(sql, args).get(0));
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, Duration atMost, Supplier<Boolean> condition) throws Exception {
        Instant until = Instant.now().plus(atMost);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) throw new AssertionError("not reached within " + atMost + ": " + what);
            Thread.sleep(50);
        }
    }

    /** The OAuth flow as a browser runs it: start, the sandbox's authorize page and Install, the callback. */
    private static long connect(ServiceProcess svc, String shop) throws Exception {
        HttpResponse<String> start = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(svc.baseUrl()
                + "/connect/shopify/start?shop=" + shop + "&sellerReference=crash")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        Browser.Page consent = new Browser().get(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> form = new LinkedHashMap<>(consent.hiddenFields());
        form.put("install", "install");
        HttpResponse<String> installed = NO_REDIRECTS.send(HttpRequest.newBuilder(consent.formAction())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> callback = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(installed.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        return Long.parseLong(strings("select id from seller_account where external_account_id = ?", shop).get(0));
    }

    private static String syncToSuccess(ServiceProcess svc, long account) throws Exception {
        for (int i = 0; i < 5; i++) {
            var r = svc.post("/api/accounts/" + account + "/sync", "{}");
            if (r.statusCode() != 202) {
                Thread.sleep(1000);
                continue;
            }
            long runId = JSON.readTree(r.body()).get("runId").asLong();
            await("sync run " + runId, Duration.ofMinutes(2), () -> !"RUNNING".equals(quietly(() -> strings(
                    "select status from sync_run where id = ?", runId).get(0))));
            String status = strings("select status from sync_run where id = ?", runId).get(0);
            if ("SUCCEEDED".equals(status)) return status;
        }
        throw new AssertionError("no successful sync of account " + account);
    }

    private static String quietly(java.util.concurrent.Callable<String> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return "RUNNING";
        }
    }

    private static Set<String> ids(List<ShopifyOrder> orders) {
        Set<String> ids = new HashSet<>();
        orders.forEach(o -> ids.add(Long.toString(o.id())));
        return ids;
    }

    @Test
    void a_killedThreeTimesWhileWebhooksArriveNothingIsLostOrStoredTwice() throws Exception {
        ServiceProcess svc = startService();
        String shop = "crash-intake-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        long account = connect(svc, shop);
        List<ShopifyOrder> created = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread creator = new Thread(() -> {
            for (int i = 0; i < 150; i++) {
                created.add(s.createOrder());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        creator.start();
        List<String> killLog = new ArrayList<>();
        for (int stored : List.of(20, 60, 100)) {
            await(stored + " orders stored", Duration.ofMinutes(2), () -> count("select count(*) from orders where account_id = ?", account) >= stored);
            svc.kill();
            killLog.add("intake@" + count("select count(*) from orders where account_id = ?", account) + "orders");
            Thread.sleep(500);
            svc = startService();
            sandbox.shopify().retryWebhooksNow();
        }
        creator.join();
        // Shopify's retries of what failed during the kills, then one reconciliation for anything still missing.
        sandbox.shopify().retryWebhooksNow();
        Thread.sleep(3000);
        int beforeSync = count("select count(*) from orders where account_id = ?", account);
        syncToSuccess(svc, account);
        Set<String> stored = new HashSet<>(strings("select marketplace_order_id from orders where account_id = ?", account));
        int rows = count("select count(*) from orders where account_id = ?", account);
        int duplicateIds = count("select count(*) from (select messageid from camel_messageprocessed where processorname = 'shopify-webhooks' "
                + "group by messageid having count(*) > 1) d");
        int failedDeliveries = (int) s.webhooks().deliveries().stream().filter(d -> !d.succeeded()).count();
        figure("crash shopify-intake kills=3 orders=" + created.size() + " storedBeforeReconciliation=" + beforeSync + " stored=" + rows
                + " lost=" + (created.size() - stored.size()) + " duplicates=" + (rows - stored.size())
                + " failedDeliveriesRetried=" + failedDeliveries + " kill points: " + String.join(", ", killLog));
        svc.kill();

        assertThat(stored).isEqualTo(ids(created));
        assertThat(rows).isEqualTo(created.size());
        assertThat(duplicateIds).isZero();
    }

    @Test
    void b_killedThreeTimesWhilePushingEveryEventIsFulfilledOnce() throws Exception {
        ServiceProcess svc = startService();
        String shop = "crash-push-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        ShopifyShop s = sandbox.shopify().shop(shop);
        List<ShopifyOrder> orders = s.seedOrders(40, Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofMinutes(5)), 9L);
        long account = connect(svc, shop);
        syncToSuccess(svc, account);
        assertThat(count("select count(*) from orders where account_id = ?", account)).isEqualTo(40);
        // Slow GraphQL answers (150 ms) so that kills land between a fulfillmentCreate and the row's settling.
        sandbox.faults().add(FaultRule.slow("/shopify/" + shop + "/admin/api/", Duration.ofMillis(150), -1));
        List<String> events = new ArrayList<>();
        for (ShopifyOrder order : orders) {
            String eventId = "crash-shopify-" + UUID.randomUUID();
            events.add(eventId);
            var r = svc.post("/api/shipments", JSON.writeValueAsString(Map.of("eventId", eventId, "accountId", account,
                    "marketplaceOrderId", Long.toString(order.id()), "carrierCode", "UPS", "trackingNumber", "1Z" + order.id(),
                    "shipDate", Instant.now().toString())));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        List<String> killLog = new ArrayList<>();
        for (int fulfilled : List.of(3, 15, 28)) {
            await(fulfilled + " fulfillments", Duration.ofMinutes(3), () -> orders.stream().mapToInt(o -> s.fulfillments(o.id()).size()).sum() >= fulfilled);
            svc.kill();
            killLog.add("push@" + orders.stream().mapToInt(o -> s.fulfillments(o.id()).size()).sum() + "fulfillments");
            svc = startService();
        }
        await("every event settled", Duration.ofMinutes(3), () -> count("select count(*) from shipment_event where account_id = ? "
                + "and state in ('PUSHED', 'FAILED', 'DEAD')", account) == orders.size());
        sandbox.faults().clear();
        int pushed = count("select count(*) from shipment_event where account_id = ? and state = 'PUSHED'", account);
        int twice = (int) orders.stream().filter(o -> s.fulfillments(o.id()).size() > 1).count();
        int missing = (int) orders.stream().filter(o -> s.fulfillments(o.id()).isEmpty()).count();
        int retried = count("select count(*) from shipment_event where account_id = ? and attempts > 1", account);
        figure("crash shopify-push kills=3 events=" + orders.size() + " pushed=" + pushed + " notAtShopify=" + missing
                + " ordersFulfilledTwice=" + twice + " eventsClaimedAgainAfterAKill=" + retried + " kill points: " + String.join(", ", killLog));
        svc.kill();

        assertThat(pushed).isEqualTo(orders.size());
        assertThat(missing).isZero();
        assertThat(twice).isZero();
    }
}
