package com.marketplaceconnect.web;

import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see and do what on the seller's page, over plain HTTP with real sessions: users created through the API
 * (bcrypt), sign-in required, a seller refused every page and action on another seller's account, order, sync run and
 * shipment (by typed addresses and forged posts: 404, nothing changed), staff see all, CSRF on every form, the session
 * cookie, and the operators' login kept apart.
 */
class SellerPageAccessTest extends IntegrationTest {
    // Set up once for the class (after the context and its routes started), shared by its tests.
    private static final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private static final String ownerRef = "owner-" + suffix;
    private static Api api;
    private static long accountId;
    private static String externalId;
    private static long runId;
    private static long orderId;
    private static String orderNumber;
    private static String eventId;
    private static boolean ready;

    @BeforeEach
    void accountWithOrdersRunAndShipment() {
        if (ready) {
            return;
        }
        api = new Api(baseUrl());
        user("owner-" + suffix, "owner-pass-1", "SELLER", ownerRef);
        user("intruder-" + suffix, "intruder-pass-1", "SELLER", "intruder-" + suffix);
        user("staff-" + suffix, "staff-pass-1", "STAFF", null);

        externalId = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(externalId, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(externalId, com.marketplaceconnect.amazon.AmazonMarketplace.IN.marketplaceId(), 30,
                now.minus(Duration.ofDays(5)), now.minus(Duration.ofMinutes(5)), externalId.hashCode());
        Api.Response connected = api.post("/api/accounts/amazon", Map.of("sellingPartnerId", externalId, "region", "EU",
                "marketplaces", List.of("IN"), "refreshToken", seller.refreshToken(), "sellerReference", ownerRef));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        accountId = connected.json().get("id").asLong();
        Api.Response sync = api.post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        runId = sync.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(
                jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        Map<String, Object> order = jdbc.queryForMap("""
                select id, marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' and fulfilled_by = 'SELLER'
                 order by id limit 1""", accountId);
        orderId = ((Number) order.get("id")).longValue();
        orderNumber = (String) order.get("marketplace_order_id");
        // A refused push (FAILED): the one state a Retry button acts on.
        SANDBOX.faults().add(FaultRule.body("/orders/v0/orders/" + orderNumber + "/shipmentConfirmation", 400,
                SellerPageBrowserTest.REFUSED_CONFIRMATION));
        eventId = "evt-access-" + suffix;
        Api.Response shipment = api.post("/api/shipments", Map.of("eventId", eventId, "accountId", accountId,
                "marketplaceOrderId", orderNumber, "carrierCode", "BLUEDART", "carrierName", "Blue Dart",
                "trackingNumber", "BD" + suffix, "shipDate", "2026-11-05T14:30:00+05:30"));
        assertThat(shipment.status()).as(shipment.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(shipmentState()));
        ready = true;
    }

    private void user(String username, String password, String role, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("role", role);
        body.put("sellerReference", reference);
        Api.Response created = api.post("/api/app-users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void usersAreCreatedWithAnApiKeyAndStoredAsBcrypt() {
        assertThat(api.postWithoutKey("/api/app-users", Map.of("username", "nobody", "password", "x".repeat(10), "role", "STAFF"))
                .status()).isEqualTo(401);
        Api.Response badRole = api.post("/api/app-users", Map.of("username", "u-" + suffix, "password", "long-enough", "role", "ADMIN"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("field").asText()).isEqualTo("role");
        Api.Response noReference = api.post("/api/app-users", Map.of("username", "u-" + suffix, "password", "long-enough", "role", "SELLER"));
        assertThat(noReference.status()).isEqualTo(400);
        assertThat(noReference.json().get("field").asText()).isEqualTo("sellerReference");
        Api.Response shortPassword = api.post("/api/app-users", Map.of("username", "u-" + suffix, "password", "short", "role", "STAFF"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("field").asText()).isEqualTo("password");
        assertThat(jdbc.queryForObject("select count(*) from app_user where username = ?", Integer.class, "u-" + suffix)).isZero();

        String hash = jdbc.queryForObject("select password_hash from app_user where username = ?", String.class, "owner-" + suffix);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("owner-pass-1");
    }

    @Test
    void everyPageNeedsASignIn() {
        PageSession anonymous = new PageSession(baseUrl());
        for (String path : List.of("/app", "/app/marketplaces", "/app/accounts/" + accountId, "/app/orders",
                "/app/orders/" + orderId, "/app/accounts/" + accountId + "/sync-runs/" + runId)) {
            HttpResponse<String> page = anonymous.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).as(path).endsWith("/app/login");
        }
        HttpResponse<String> wrong = new PageSession(baseUrl()).get("/app/login");
        assertThat(wrong.statusCode()).isEqualTo(200);
        PageSession session = new PageSession(baseUrl());
        session.get("/app/login");
        HttpResponse<String> refused = session.post("/app/login", Map.of("username", "owner-" + suffix, "password", "not-it"));
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/app/login?error");
    }

    @Test
    void theOwnerAndStaffSeeTheAccountItsOrdersRunsAndShipments() {
        for (PageSession session : List.of(PageSession.signedIn(baseUrl(), "owner-" + suffix, "owner-pass-1"),
                PageSession.signedIn(baseUrl(), "staff-" + suffix, "staff-pass-1"))) {
            assertThat(session.get("/app/marketplaces").body()).contains(externalId);
            assertThat(session.get("/app/accounts/" + accountId).statusCode()).isEqualTo(200);
            assertThat(session.get("/app/orders?account=" + accountId + "&q=" + orderNumber).body()).contains(orderNumber);
            HttpResponse<String> order = session.get("/app/orders/" + orderId);
            assertThat(order.statusCode()).isEqualTo(200);
            assertThat(order.body()).contains(eventId).contains("FAILED").contains(">Retry</button>");
            HttpResponse<String> run = session.get("/app/accounts/" + accountId + "/sync-runs/" + runId);
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("\"status\":\"SUCCEEDED\"");
        }
    }

    @Test
    void syncOrdersAnswersTheScriptWithTheRunAndItsProgress() {
        PageSession owner = PageSession.signedIn(baseUrl(), "owner-" + suffix, "owner-pass-1");
        owner.get("/app/accounts/" + accountId);
        HttpResponse<String> started = owner.postRaw("/app/accounts/" + accountId + "/sync", Map.of("_csrf", owner.csrf()), "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long run = Long.parseLong(started.body().replaceAll(".*\"runId\":(\\d+).*", "$1"));
        assertThat(jdbc.queryForObject("select account_id from sync_run where id = ?", Long.class, run)).isEqualTo(accountId);
        await().atMost(Duration.ofSeconds(60)).until(() -> owner.get("/app/accounts/" + accountId + "/sync-runs/" + run).body()
                .contains("\"status\":\"SUCCEEDED\""));
        assertThat(owner.get("/app/accounts/" + accountId + "/sync-runs/" + run).body()).contains("\"running\":false").contains("Sync finished: ");
    }

    @Test
    void theOrderFiltersNameTheFieldTheyRefuse() {
        PageSession owner = PageSession.signedIn(baseUrl(), "owner-" + suffix, "owner-pass-1");
        HttpResponse<String> badDate = owner.get("/app/orders?updatedSince=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("Filter not applied: updatedSince");
        HttpResponse<String> badStatus = owner.get("/app/orders?status=LOST");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("Filter not applied: status");
        // Updated since a day after every order of the account: none; since long before: the order is there.
        assertThat(owner.get("/app/orders?account=" + accountId + "&q=" + orderNumber + "&updatedSince=2999-01-01").body())
                .doesNotContain(">" + orderNumber + "</a>").contains("No orders match");
        assertThat(owner.get("/app/orders?account=" + accountId + "&q=" + orderNumber + "&updatedSince=2000-01-01").body())
                .contains(">" + orderNumber + "</a>");
    }

    @Test
    void anotherSellerCanNeitherSeeNorActOnTheAccountEvenByTypedAddressesAndForgedPosts() {
        PageSession intruder = PageSession.signedIn(baseUrl(), "intruder-" + suffix, "intruder-pass-1");
        assertThat(intruder.get("/app/marketplaces").body()).doesNotContain(externalId);
        assertThat(intruder.get("/app/orders").body()).doesNotContain(orderNumber);
        for (String path : List.of("/app/accounts/" + accountId, "/app/accounts/" + accountId + "/disconnect",
                "/app/accounts/" + accountId + "/sync-runs/" + runId, "/app/orders/" + orderId, "/app/orders?account=" + accountId)) {
            HttpResponse<String> page = intruder.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).doesNotContain(externalId).doesNotContain(orderNumber);
        }
        int runs = runCount();
        intruder.get("/app/marketplaces");
        assertThat(intruder.post("/app/accounts/" + accountId + "/sync", Map.of()).statusCode()).isEqualTo(404);
        assertThat(intruder.postRaw("/app/accounts/" + accountId + "/sync", Map.of("_csrf", intruder.csrf()), "application/json")
                .statusCode()).isEqualTo(404);
        assertThat(intruder.post("/app/accounts/" + accountId + "/marketplaces", Map.of("codes", "UK")).statusCode()).isEqualTo(404);
        assertThat(intruder.post("/app/accounts/" + accountId + "/disconnect", Map.of()).statusCode()).isEqualTo(404);
        assertThat(intruder.post("/app/orders/" + orderId + "/shipments/" + eventId + "/retry", Map.of()).statusCode()).isEqualTo(404);

        assertThat(runCount()).isEqualTo(runs);
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ?", String.class, accountId))
                .containsExactly("IN");
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, accountId)).isEqualTo("CONNECTED");
        assertThat(shipmentState()).isEqualTo("FAILED");
    }

    @Test
    void everyFormNeedsTheCsrfToken() {
        PageSession owner = PageSession.signedIn(baseUrl(), "owner-" + suffix, "owner-pass-1");
        int runs = runCount();
        assertThat(owner.postRaw("/app/accounts/" + accountId + "/sync", Map.of(), "application/json").statusCode()).isEqualTo(403);
        assertThat(owner.postRaw("/app/accounts/" + accountId + "/disconnect", Map.of("_csrf", "forged"), "text/html").statusCode()).isEqualTo(403);
        assertThat(owner.postRaw("/app/orders/" + orderId + "/shipments/" + eventId + "/retry", Map.of(), "text/html").statusCode()).isEqualTo(403);
        assertThat(owner.postRaw("/app/marketplaces/FLIPKART/connect/keys", Map.of("sellerId", "x", "applicationId", "y",
                "applicationSecret", "z"), "text/html").statusCode()).isEqualTo(403);
        assertThat(runCount()).isEqualTo(runs);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, accountId)).isEqualTo("CONNECTED");
        assertThat(shipmentState()).isEqualTo("FAILED");
        // Every form of the pages carries the token.
        for (String path : List.of("/app/marketplaces", "/app/accounts/" + accountId, "/app/accounts/" + accountId + "/disconnect",
                "/app/orders/" + orderId)) {
            String body = owner.get(path).body();
            int postForms = body.split("method=\"post\"", -1).length - 1;
            int tokens = body.split("name=\"_csrf\"", -1).length - 1;
            assertThat(postForms).as(path).isPositive();
            assertThat(tokens).as(path).isEqualTo(postForms);
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteAndSecureOutsideTheLocalProfile() throws IOException {
        PageSession session = new PageSession(baseUrl());
        HttpResponse<String> login = session.get("/app/login");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        // Secure unless configured off: the product's default, which only the local profile (and tests on plain http) turn off.
        var loader = new YamlPropertySourceLoader();
        Object secure = loader.load("product", new FileSystemResource("config/application.yaml")).get(0)
                .getProperty("server.servlet.session.cookie.secure");
        assertThat(String.valueOf(secure)).isEqualTo("${SESSION_COOKIE_SECURE:true}");
        Object local = loader.load("local", new FileSystemResource("config/application-local.yaml")).get(0)
                .getProperty("server.servlet.session.cookie.secure");
        assertThat(String.valueOf(local)).isEqualTo("false");
    }

    @Test
    void operatorsAndPageUsersStayApart() {
        PageSession owner = PageSession.signedIn(baseUrl(), "owner-" + suffix, "owner-pass-1");
        assertThat(owner.get("/actuator/prometheus").statusCode()).isEqualTo(403);
        // The operator's form login (/login) does not open the seller's page.
        PageSession operator = new PageSession(baseUrl());
        operator.get("/login");
        HttpResponse<String> signedIn = operator.post("/login", Map.of("username", "operator", "password", "test-operator-password"));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(operator.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(operator.get("/app/marketplaces").statusCode()).isEqualTo(403);
        // A page user's password is no operator login.
        PageSession pretender = new PageSession(baseUrl());
        pretender.get("/login");
        assertThat(pretender.post("/login", Map.of("username", "owner-" + suffix, "password", "owner-pass-1"))
                .headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }

    private int runCount() {
        return jdbc.queryForObject("select count(*) from sync_run where account_id = ?", Integer.class, accountId);
    }

    private String shipmentState() {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }
}
