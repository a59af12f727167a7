package com.marketplaceconnect.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.amazon.AmazonAccounts;
import com.marketplaceconnect.flipkart.FlipkartAccounts;
import com.marketplaceconnect.sandbox.amazon.AmazonSandbox;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.Browser;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What README.md and docs/ tell a newcomer to do in the local run, against the service and the sandbox with the local
 * run's demo data: connect a new Amazon seller through the sandbox's consent page ("New sandbox seller"), connect the
 * documented Flipkart sandbox seller, and send the example shipment events of docs/, which end PUSHED.
 */
class LocalRunExamplesTest extends IntegrationTest {
    private static final Pattern README_FLIPKART = Pattern.compile(
            "\"sellerId\":\"([^\"]+)\",\"applicationId\":\"([^\"]+)\",\"applicationSecret\":\"([^\"]+)\"");

    @Autowired
    AmazonAccounts amazonAccounts;

    @Autowired
    FlipkartAccounts flipkartAccounts;

    private Api api;

    @BeforeEach
    void app() {
        api = new Api(baseUrl());
        SANDBOX.amazon().setRedirectUri(baseUrl() + "/connect/amazon/callback");
        SANDBOX.amazon().setAppDraft(true);
    }

    @Test
    void aNewSellerConnectsThroughTheSandboxConsentPageAndSyncsItsOrders() {
        String reference = "seller-42-" + UUID.randomUUID();
        Api.Response start = api.post("/api/connect/amazon", Map.of("marketplace", "IN", "sellerReference", reference));
        assertThat(start.status()).as(start.body()).isEqualTo(200);

        Browser browser = new Browser();
        Browser.Page consent = browser.get(start.json().get("consentUrl").asText());
        assertThat(consent.body()).contains("<option value=\"" + AmazonSandbox.NEW_SELLER_CHOICE + "\" selected>New sandbox seller");
        // The user presses Authorize with the page's preselected choices: a new seller, orders in India.
        Browser.Page end = browser.submit(consent, Map.of("selling_partner_id", AmazonSandbox.NEW_SELLER_CHOICE,
                AmazonSandbox.NEW_SELLER_MARKETPLACE_FIELD, "IN", "decision", "authorize"));
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.body()).contains("Amazon connected");

        Map<String, Object> row = jdbc.queryForMap("select id, external_account_id, status from seller_account where seller_reference = ?",
                reference);
        assertThat(row.get("status")).isEqualTo("CONNECTED");
        assertThat(SANDBOX.amazon().orderIds((String) row.get("external_account_id"))).hasSize(AmazonSandbox.NEW_SELLER_ORDERS);
        long id = ((Number) row.get("id")).longValue();
        assertThat(syncRun(id)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, id))
                .isEqualTo(AmazonSandbox.NEW_SELLER_ORDERS);
    }

    @Test
    void aRegionThatIsAMarketplaceCodeGetsTheSameMessageAsNoRegionAtAll() {
        Api.Response none = api.getWithoutKey("/connect/amazon/start");
        Api.Response in = api.getWithoutKey("/connect/amazon/start?region=IN");
        assertThat(in.status()).isEqualTo(400);
        assertThat(in.json().get("field").asText()).isEqualTo("region");
        assertThat(in.json().get("detail").asText()).isEqualTo(none.json().get("detail").asText())
                .contains("marketplace code as marketplace (IN, US, UK, DE …)").contains("(NA, EU or FE)");
    }

    @Test
    void theReadmesFlipkartSandboxCredentialsConnect() throws IOException {
        LocalSandboxConfiguration.seedDemo(SANDBOX, amazonAccounts, flipkartAccounts);
        Matcher readme = README_FLIPKART.matcher(Files.readString(Path.of("README.md")));
        assertThat(readme.find()).as("README shows Flipkart sandbox credentials").isTrue();
        Api.Response connected = api.post("/api/accounts/flipkart", Map.of("sellerId", readme.group(1),
                "applicationId", readme.group(2), "applicationSecret", readme.group(3), "sellerReference", "seller-43"));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        assertThat(connected.json().get("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.body()).doesNotContain(readme.group(3));
        assertThat(syncRun(connected.json().get("id").asLong())).isEqualTo("SUCCEEDED");
    }

    @Test
    void theDocsShipmentEventsArePushedForTheDemoSellersOrders() throws IOException {
        long[] demo = LocalSandboxConfiguration.seedDemo(SANDBOX, amazonAccounts, flipkartAccounts);
        assertThat(syncRun(demo[0])).isEqualTo("SUCCEEDED");
        // The demo Flipkart seller's first sync is some forty calls with the tests' pages of 20 and their quick retries:
        // beyond Flipkart's burst (20) here, unlike in the local run. The sandbox lets it through at once.
        SANDBOX.flipkart().setRateLimit(1_000, 1_000);
        try {
            assertThat(syncRun(demo[1])).isEqualTo("SUCCEEDED");
        } finally {
            SANDBOX.flipkart().setRateLimit(10, 20); // Flipkart's (and the sandbox's default) limit
        }

        // docs/shipment-events.md: the Amazon example as it is.
        Api.Response amazon = api.post("/api/shipments", Files.readString(Path.of("docs/shipment-event.example.json")));
        assertThat(amazon.status()).as(amazon.body()).isEqualTo(202);
        assertPushed(amazon.json().get("eventId").asText());

        // The Flipkart example with today's dates, as the sed command of docs/shipment-events.md makes it.
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("Asia/Kolkata"));
        String flipkartEvent = Files.readString(Path.of("docs/shipment-event.flipkart.example.json"))
                .replace("2026-11-05T14:30:00+05:30", DateTimeFormatter.ISO_INSTANT.format(CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .replaceAll("(?m)^.*\"expectedDeliveryDate\".*\\R", "")
                .replace("2026-11-05", today.toString());
        Api.Response flipkart = api.post("/api/shipments", flipkartEvent);
        assertThat(flipkart.status()).as(flipkart.body()).isEqualTo(202);
        assertPushed(flipkart.json().get("eventId").asText());
    }

    private void assertPushed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"PENDING".equals(state(eventId)) && !"IN_FLIGHT".equals(state(eventId)));
        JsonNode event = api.get("/api/shipments/" + eventId).json();
        assertThat(event.get("state").asText()).as(event.toString()).isEqualTo("PUSHED");
    }

    private String state(String eventId) {
        return api.get("/api/shipments/" + eventId).json().get("state").asText();
    }

    /** A "Sync Orders" run, to its end: its status. */
    private String syncRun(long accountId) {
        Api.Response sync = api.post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        long runId = sync.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(run(accountId, runId).get("status").asText()));
        JsonNode run = run(accountId, runId);
        return run.get("status").asText() + (run.path("error").isTextual() ? ": " + run.get("error").asText() : "");
    }

    private JsonNode run(long accountId, long runId) {
        return api.get("/api/accounts/" + accountId + "/sync-runs/" + runId).json();
    }
}
