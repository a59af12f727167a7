package com.marketplaceconnect.web;

import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncTrigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seller's page end to end in a real browser (headless Chromium through Selenium) against the running service and
 * the marketplace sandbox: sign in, connect Amazon through the sandbox's Seller Central consent page, pick
 * marketplaces, Sync Orders and watch the progress finish, a sync already running (409) in words, the orders and an
 * order, a shipment pushed (PUSHED) and a refused push retried, Flipkart with a wrong then the right secret, disconnect;
 * then a second seller who sees none of it, also by typing the addresses. Screenshots: target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SellerPageBrowserTest extends IntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The SP-API's answer to a confirmation it refuses for good (400): the push ends FAILED. */
    static final String REFUSED_CONFIRMATION = "{\"errors\":[{\"code\":\"InvalidInput\","
            + "\"message\":\"The carrier code is not accepted for this marketplace.\",\"details\":\"\"}]}";

    @Autowired
    SyncRuns syncRuns;

    // One journey across the ordered tests: its state lives as long as the class.
    private static ChromeDriver chrome;
    private static Api api;
    private static final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private static final String sellerRef = "browser-seller-" + suffix;
    private static final String seller = "seller-" + suffix;
    private static final String otherSeller = "other-" + suffix;
    /** Every page source the browser showed: none may hold a secret. */
    private static final List<String> sources = new ArrayList<>();

    private static long amazonAccountId;
    private static long orderId;
    private static long runId;
    private static String flipkartSecret;

    /** Once, after the context (and its Camel routes) started. */
    @BeforeEach
    void start() {
        if (chrome != null) {
            return;
        }
        api = new Api(baseUrl());
        SANDBOX.amazon().setRedirectUri(baseUrl() + "/connect/amazon/callback");
        SANDBOX.amazon().setAppDraft(true);
        createUser(seller, "browser-pass-1", "SELLER", sellerRef);
        createUser(otherSeller, "browser-pass-2", "SELLER", "other-ref-" + suffix);
        chrome = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.quit();
            chrome = null;
        }
    }

    private void createUser(String username, String password, String role, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("role", role);
        body.put("sellerReference", reference);
        Api.Response created = api.post("/api/app-users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(password);
    }

    @Test
    @Order(1)
    void signsInAndConnectsAmazonThroughTheConsentPage() {
        open("/app");
        assertThat(chrome.getCurrentUrl()).endsWith("/app/login");
        shot("01-sign-in");
        signIn(seller, "wrong-password");
        assertThat(text()).contains("Wrong user name or password");
        signIn(seller, "browser-pass-1");
        assertThat(chrome.getCurrentUrl()).endsWith("/app/marketplaces");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Integrations → Marketplaces");
        // A card per connector, none named by the page.
        assertThat(chrome.findElements(By.cssSelector("section.card h2")).stream().map(WebElement::getText).toList())
                .contains("Amazon", "Flipkart");
        shot("02-marketplaces");

        WebElement amazon = chrome.findElement(By.id("marketplace-AMAZON"));
        new Select(amazon.findElement(By.name("marketplace"))).selectByValue("IN");
        amazon.findElement(By.xpath(".//button[normalize-space()='Connect with Amazon']")).click();
        waitFor(() -> chrome.getCurrentUrl().startsWith(SANDBOX.baseUrl() + "/apps/authorize/consent"));
        capture();
        shot("03-amazon-consent");
        // The sandbox's Seller Central: a new sandbox seller with orders on amazon.in, authorized.
        new Select(chrome.findElement(By.id("selling_partner_id"))).selectByValue("new-sandbox-seller");
        new Select(chrome.findElement(By.id("new_seller_marketplace"))).selectByValue("IN");
        chrome.findElement(By.xpath("//button[@value='authorize']")).click();

        waitFor(() -> chrome.getCurrentUrl().startsWith(baseUrl() + "/app/marketplaces"));
        capture();
        assertThat(shown(".notice").getText()).contains("Amazon account").contains("is Connected");
        amazonAccountId = jdbc.queryForObject("select id from seller_account where marketplace = 'AMAZON' and seller_reference = ?",
                Long.class, sellerRef);
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, amazonAccountId)).isEqualTo("CONNECTED");
        WebElement card = chrome.findElement(By.cssSelector("#marketplace-AMAZON li[data-account-id='" + amazonAccountId + "']"));
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualTo("CONNECTED");
        assertThat(card.getText()).contains("amazon.in");
        shot("04-amazon-connected");
    }

    @Test
    @Order(2)
    void picksMarketplacesOfTheRegionOnly() {
        open("/app/accounts/" + amazonAccountId);
        assertThat(chrome.findElement(By.id("account-status")).getText()).isEqualTo("CONNECTED");
        chrome.findElement(By.id("market-UK")).click();
        navigate(chrome.findElement(By.xpath("//button[normalize-space()='Save marketplaces']")));
        assertThat(shown(".notice").getText()).contains("Marketplaces saved: IN, UK");
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ? order by 1",
                String.class, amazonAccountId)).containsExactly("IN", "UK");
        // The list offers the region's marketplaces only (EU: no amazon.com); one slipped in anyway is refused.
        assertThat(chrome.findElements(By.id("market-US"))).isEmpty();
        chrome.executeScript("var b = document.createElement('input'); b.type = 'checkbox'; b.name = 'codes'; b.value = 'US';"
                + " b.checked = true; document.getElementById('marketplaces-form').appendChild(b);");
        navigate(chrome.findElement(By.xpath("//button[normalize-space()='Save marketplaces']")));
        assertThat(shown(".problem").getText()).contains("Marketplaces not saved").contains("US");
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ? order by 1",
                String.class, amazonAccountId)).containsExactly("IN", "UK");
        capture();
        shot("05-account");
    }

    @Test
    @Order(3)
    void syncsOrdersWithLiveProgressAndExplainsASyncAlreadyRunning() {
        open("/app/accounts/" + amazonAccountId);
        chrome.findElement(By.xpath("//button[normalize-space()='Sync Orders']")).click();
        // Live progress from the running run, then the finished run (the page reloads on it).
        WebElement progress = waitFor(() -> {
            WebElement p = chrome.findElement(By.id("sync-progress"));
            return "SUCCEEDED".equals(p.getAttribute("data-state")) && chrome.getCurrentUrl().contains("?run=") ? p : null;
        });
        capture();
        Matcher counts = Pattern.compile("Sync finished: (\\d+) pages? fetched, (\\d+) orders? stored").matcher(progress.getText());
        assertThat(counts.find()).as(progress.getText()).isTrue();
        runId = Long.parseLong(chrome.getCurrentUrl().replaceAll(".*\\?run=(\\d+).*", "$1"));
        Map<String, Object> run = jdbc.queryForMap("select status, pages, orders_inserted + orders_updated as stored from sync_run where id = ? and account_id = ?",
                runId, amazonAccountId);
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        assertThat(Integer.parseInt(counts.group(1))).isEqualTo(((Number) run.get("pages")).intValue()).isPositive();
        assertThat(Integer.parseInt(counts.group(2))).isEqualTo(((Number) run.get("stored")).intValue()).isPositive();
        assertThat(chrome.findElement(By.id("runs")).getText()).contains(String.valueOf(runId)).contains("SUCCEEDED");
        assertThat(chrome.findElement(By.id("last-sync")).getText()).isNotEqualTo("—");
        shot("06-sync-finished", "sync-title");

        // A sync of this account already running (started elsewhere): Sync Orders is refused with a 409, said in words.
        long running = syncRuns.start(amazonAccountId, SyncTrigger.MANUAL);
        try {
            open("/app/accounts/" + amazonAccountId);
            assertThat(chrome.findElement(By.id("sync-progress")).getText()).startsWith("Sync running: 0 pages fetched");
            chrome.findElement(By.xpath("//button[normalize-space()='Sync Orders']")).click();
            WebElement message = waitFor(() -> {
                WebElement m = chrome.findElement(By.id("sync-message"));
                return m.isDisplayed() ? m : null;
            });
            assertThat(message.getAttribute("data-status")).isEqualTo("409");
            assertThat(message.getText()).contains("already running").contains("409");
            shot("07-sync-already-running", "sync-title");
        } finally {
            syncRuns.abort(running, "stopped by the browser test");
        }
    }

    @Test
    @Order(4)
    void listsFiltersAndPagesTheOrdersAndShowsOne() {
        open("/app/accounts/" + amazonAccountId);
        navigate(chrome.findElement(By.linkText("See this account's orders")));
        int stored = jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, amazonAccountId);
        assertThat(stored).isGreaterThan(OrdersPage.PAGE_SIZE);
        List<String> first = orderIdsShown();
        assertThat(first).hasSize(OrdersPage.PAGE_SIZE);
        capture();
        shot("08-orders");
        navigate(chrome.findElement(By.id("next-page")));
        List<String> second = orderIdsShown();
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);

        // Search by an order id: that order only.
        String wanted = jdbc.queryForObject("""
                select marketplace_order_id from orders where account_id = ? and status = 'UNSHIPPED' and fulfilled_by = 'SELLER'
                 order by id limit 1""", String.class, amazonAccountId);
        open("/app/orders");
        chrome.findElement(By.id("filter-q")).sendKeys(wanted);
        new Select(chrome.findElement(By.id("filter-status"))).selectByValue("UNSHIPPED");
        navigate(chrome.findElement(By.xpath("//button[normalize-space()='Apply filters']")));
        assertThat(orderIdsShown()).containsExactly(wanted);

        navigate(chrome.findElement(By.linkText(wanted)));
        orderId = Long.parseLong(chrome.getCurrentUrl().replaceAll(".*/app/orders/(\\d+).*", "$1"));
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Amazon order " + wanted);
        int items = jdbc.queryForObject("select count(*) from order_item where order_id = ?", Integer.class, orderId);
        assertThat(chrome.findElements(By.cssSelector("#items tbody tr"))).hasSize(items);
        assertThat(text()).contains("No shipment sent for this order yet");
        capture();
        shot("09-order");
    }

    @Test
    @Order(5)
    void showsAShipmentPushedAndRetriesARefusedOne() {
        String marketplaceOrderId = jdbc.queryForObject("select marketplace_order_id from orders where id = ?", String.class, orderId);
        // The marketplace refuses the first confirmation (400: permanent, FAILED); the second goes through.
        SANDBOX.faults().add(FaultRule.body("/orders/v0/orders/" + marketplaceOrderId + "/shipmentConfirmation", 400,
                REFUSED_CONFIRMATION));
        String eventId = "evt-browser-" + suffix;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("accountId", amazonAccountId);
        event.put("marketplaceOrderId", marketplaceOrderId);
        event.put("carrierCode", "BLUEDART");
        event.put("carrierName", "Blue Dart");
        event.put("trackingNumber", "BD" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        event.put("shipDate", "2026-11-05T14:30:00+05:30");
        Api.Response sent = api.post("/api/shipments", event);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "FAILED".equals(pushState(eventId)));

        open("/app/orders/" + orderId);
        WebElement row = chrome.findElement(By.cssSelector("#shipments tr[data-event-id='" + eventId + "']"));
        assertThat(row.findElement(By.cssSelector(".push-state")).getText()).isEqualTo("FAILED");
        shot("10-shipment-failed", "shipments-title");
        navigate(row.findElement(By.xpath(".//button[normalize-space()='Retry']")));
        assertThat(shown(".notice").getText()).contains(eventId).contains("PENDING");

        await().atMost(WAIT).until(() -> "PUSHED".equals(pushState(eventId)));
        assertThat(SANDBOX.amazon().shipmentConfirmations(marketplaceOrderId)).hasSize(1);
        open("/app/orders/" + orderId);
        row = chrome.findElement(By.cssSelector("#shipments tr[data-event-id='" + eventId + "']"));
        assertThat(row.findElement(By.cssSelector(".push-state")).getText()).isEqualTo("PUSHED");
        assertThat(row.findElements(By.xpath(".//button[normalize-space()='Retry']"))).isEmpty();
        capture();
        shot("11-shipment-pushed", "shipments-title");
    }

    @Test
    @Order(6)
    void connectsFlipkartWithAWrongThenTheRightSecretAndDisconnectsIt() {
        FlipkartSeller flipkart = SANDBOX.flipkart().addSeller("FKS" + suffix.toUpperCase());
        flipkartSecret = flipkart.appSecret();
        String wrongSecret = "wrong-" + UUID.randomUUID().toString().replace("-", "");
        open("/app/marketplaces");
        fillFlipkart(flipkart.sellerId(), flipkart.appId(), wrongSecret);
        WebElement card = chrome.findElement(By.id("marketplace-FLIPKART"));
        String problem = card.findElement(By.cssSelector(".problem")).getText();
        assertThat(problem).startsWith("Not connected. Application Secret: ").contains("Bad credentials");
        // Nothing saved, the secret not echoed back (neither in the field nor anywhere in the page), the rest kept.
        assertThat(jdbc.queryForObject("select count(*) from seller_account where marketplace = 'FLIPKART' and external_account_id = ?",
                Integer.class, flipkart.sellerId())).isZero();
        assertThat(chrome.getPageSource()).doesNotContain(wrongSecret);
        assertThat(card.findElement(By.id("f-FLIPKART-keys-applicationSecret")).getAttribute("value")).isEmpty();
        assertThat(card.findElement(By.id("f-FLIPKART-keys-applicationSecret")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(card.findElement(By.id("f-FLIPKART-keys-sellerId")).getAttribute("value")).isEqualTo(flipkart.sellerId());
        capture();
        shot("12-flipkart-refused");

        fillFlipkart(null, null, flipkart.appSecret());
        assertThat(shown(".notice").getText()).contains("Flipkart account " + flipkart.sellerId() + " is Connected");
        long flipkartId = jdbc.queryForObject("select id from seller_account where marketplace = 'FLIPKART' and external_account_id = ?",
                Long.class, flipkart.sellerId());
        assertThat(jdbc.queryForObject("select seller_reference from seller_account where id = ?", String.class, flipkartId)).isEqualTo(sellerRef);
        capture();
        shot("13-flipkart-connected");
        // Readable on a phone: one column, nothing wider than the screen.
        chrome.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Object overflow = chrome.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
            assertThat(overflow).isEqualTo(false);
            shot("13-phone-marketplaces");
            open("/app/accounts/" + amazonAccountId);
            assertThat(chrome.executeScript("return document.documentElement.scrollWidth > window.innerWidth;")).isEqualTo(false);
            shot("13-phone-account");
        } finally {
            chrome.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }

        // Disconnect, after a confirmation.
        open("/app/accounts/" + flipkartId);
        navigate(chrome.findElement(By.linkText("Disconnect…")));
        assertThat(chrome.findElement(By.tagName("h1")).getText()).startsWith("Disconnect Flipkart account");
        shot("14-disconnect-confirm");
        navigate(chrome.findElement(By.id("confirm-disconnect")));
        assertThat(chrome.findElement(By.id("account-status")).getText()).isEqualTo("DISCONNECTED");
        assertThat(jdbc.queryForObject("select status from seller_account where id = ?", String.class, flipkartId)).isEqualTo("DISCONNECTED");
        assertThat(chrome.findElement(By.xpath("//button[normalize-space()='Sync Orders']")).isEnabled()).isFalse();
        capture();
    }

    @Test
    @Order(7)
    void noPageShowedASecret() {
        Set<String> secrets = new java.util.HashSet<>(SANDBOX.amazon().issuedSecrets());
        secrets.addAll(SANDBOX.flipkart().issuedSecrets());
        secrets.add(flipkartSecret);
        secrets.add("sandbox-lwa-secret");
        assertThat(sources).hasSizeGreaterThan(5);
        for (String source : sources) {
            for (String secret : secrets) {
                assertThat(source).doesNotContain(secret);
            }
            assertThat(source).doesNotContain("browser-pass-1");
        }
    }

    @Test
    @Order(8)
    void aSecondSellerSeesNoneOfItNotEvenByTypingTheAddresses() {
        chrome.manage().deleteAllCookies();
        open("/app/login");
        signIn(otherSeller, "browser-pass-2");
        assertThat(chrome.findElements(By.cssSelector("li[data-account-id='" + amazonAccountId + "']"))).isEmpty();
        assertThat(text()).doesNotContain(sellerRef);
        shot("15-second-seller");
        for (String path : List.of("/app/accounts/" + amazonAccountId, "/app/accounts/" + amazonAccountId + "/disconnect",
                "/app/orders/" + orderId, "/app/orders?account=" + amazonAccountId)) {
            open(path);
            assertThat(chrome.findElement(By.tagName("h1")).getText()).as(path).isEqualTo("Not found");
        }
        shot("16-second-seller-refused");
        open("/app/orders");
        assertThat(chrome.findElements(By.cssSelector("#orders tbody tr"))).isEmpty();
        // The progress JSON of the first seller's run: no answer either.
        open("/app/accounts/" + amazonAccountId + "/sync-runs/" + runId);
        assertThat(chrome.getPageSource()).doesNotContain("SUCCEEDED").doesNotContain("ordersStored");
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private void fillFlipkart(String sellerId, String applicationId, String secret) {
        WebElement card = chrome.findElement(By.id("marketplace-FLIPKART"));
        if (sellerId != null) {
            type(card.findElement(By.id("f-FLIPKART-keys-sellerId")), sellerId);
        }
        if (applicationId != null) {
            type(card.findElement(By.id("f-FLIPKART-keys-applicationId")), applicationId);
        }
        type(card.findElement(By.id("f-FLIPKART-keys-applicationSecret")), secret);
        navigate(card.findElement(By.xpath(".//button[normalize-space()='Connect Flipkart']")));
        waitFor(() -> chrome.findElement(By.tagName("h1")));
        capture();
    }

    private static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private void signIn(String username, String password) {
        type(chrome.findElement(By.id("username")), username);
        type(chrome.findElement(By.id("password")), password);
        navigate(chrome.findElement(By.xpath("//button[normalize-space()='Sign in']")));
        capture();
    }

    private List<String> orderIdsShown() {
        return chrome.findElements(By.cssSelector("#orders tbody tr td:first-child a")).stream().map(WebElement::getText).toList();
    }

    private String pushState(String eventId) {
        return jdbc.query("select state from shipment_event where event_id = ? and state <> 'REJECTED'",
                rs -> rs.next() ? rs.getString(1) : null, eventId);
    }

    private void open(String path) {
        chrome.get(baseUrl() + path);
        capture();
    }

    /** Clicks and waits until the browser has left the page (the next one is then loaded). */
    private void navigate(WebElement target) {
        WebElement page = chrome.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(chrome, WAIT).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
        waitFor(() -> chrome.findElement(By.tagName("h1")));
        capture();
    }

    /** The element once the page after a click shows it. */
    private WebElement shown(String css) {
        return waitFor(() -> chrome.findElement(By.cssSelector(css)));
    }

    private String text() {
        return chrome.findElement(By.tagName("body")).getText();
    }

    private void capture() {
        sources.add(chrome.getPageSource());
    }

    /** A screenshot scrolled to the element with this id (the part of the page the step is about). */
    private void shot(String name, String id) {
        chrome.executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
        shot(name);
    }

    private void shot(String name) {
        assertThat(Chromium.screenshot(chrome, name)).exists();
    }

    private <T> T waitFor(java.util.function.Supplier<T> condition) {
        try {
            return waitUntil(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            Chromium.screenshot(chrome, "failed-wait");
            throw new AssertionError("Waited in vain on " + chrome.getCurrentUrl() + ", showing: " + text()
                    + "\nBrowser log: " + chrome.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    private <T> T waitUntil(java.util.function.Supplier<T> condition) {
        return new WebDriverWait(chrome, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    T value = condition.get();
                    return value instanceof Boolean b ? (b ? value : null) : value;
                });
    }
}
