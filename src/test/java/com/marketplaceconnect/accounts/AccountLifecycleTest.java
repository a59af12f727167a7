package com.marketplaceconnect.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.Browser;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Marketplace selection, disconnection and reconnection, the API key, and the published OpenAPI description. */
class AccountLifecycleTest extends IntegrationTest {
    private static final String SEARCH = "/orders/2026-01-01/orders";
    private static final String IN = "A21TJRUUN4KGV";
    private static final String UK = "A1F83G8C2ARO7P";

    @Autowired
    AccountRepository accounts;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(baseUrl());
        SANDBOX.amazon().setRedirectUri(baseUrl() + "/connect/amazon/callback");
        SANDBOX.amazon().setAppDraft(true);
    }

    private record Connected(long accountId, AmazonSeller seller) {
    }

    /** An EU seller with orders in India and the UK, connected (private-app refresh token) with the given codes. */
    private Connected connect(String... codes) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        AmazonSeller seller = SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, 4, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(10)), 1);
        SANDBOX.amazon().generateOrders(spid, UK, 3, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(10)), 2);
        Api.Response response = api.post("/api/accounts/amazon", Map.of("sellingPartnerId", spid, "region", "EU",
                "marketplaces", List.of(codes), "refreshToken", seller.refreshToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Connected(response.json().get("id").asLong(), seller);
    }

    private void syncSucceeds(long accountId) {
        Api.Response response = api.post("/api/accounts/" + accountId + "/sync", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(runStatus(runId)));
        assertThat(runStatus(runId)).as(String.valueOf(jdbc.queryForMap("select error from sync_run where id = ?", runId)))
                .isEqualTo("SUCCEEDED");
    }

    private String runStatus(long runId) {
        return jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId);
    }

    private Instant watermark(long accountId, String code) {
        return jdbc.queryForObject("select watermark from sync_cursor where account_id = ? and marketplace_code = ?",
                Timestamp.class, accountId, code).toInstant();
    }

    /** The first searchOrders call of this sync that asked for exactly this marketplace. */
    private static RecordedCall firstSearchFor(String marketplaceId) {
        return SANDBOX.calls().matching("GET", SEARCH).stream()
                .filter(c -> marketplaceId.equals(c.queryParam("marketplaceIds")) && c.queryParam("paginationToken") == null)
                .findFirst().orElseThrow(() -> new AssertionError("no searchOrders call for " + marketplaceId));
    }

    private List<String> enabled(long accountId) {
        return jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ? order by 1", String.class, accountId);
    }

    @Test
    void aNewlyEnabledMarketplaceGetsItsOwnFirstSyncWhileTheOtherResumesAtItsWatermark() {
        Connected c = connect("IN");
        syncSucceeds(c.accountId());
        Instant inWatermark = watermark(c.accountId(), "IN");
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, c.accountId())).isEqualTo(4);

        CLOCK.advance(Duration.ofHours(1));
        Api.Response put = api.put("/api/accounts/" + c.accountId() + "/marketplaces", Map.of("marketplaces", List.of("IN", "uk")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("marketplaces")).extracting(JsonNode::asText).containsExactly("IN", "UK");
        assertThat(enabled(c.accountId())).containsExactly("IN", "UK");

        SANDBOX.calls().clear();
        syncSucceeds(c.accountId());
        RecordedCall uk = firstSearchFor(UK);
        Instant before = Instant.parse(uk.queryParam("lastUpdatedBefore"));
        assertThat(Instant.parse(uk.queryParam("lastUpdatedAfter"))).isEqualTo(before.minus(Duration.ofDays(30)));
        RecordedCall in = firstSearchFor(IN);
        assertThat(Instant.parse(in.queryParam("lastUpdatedAfter"))).isEqualTo(inWatermark.minus(Duration.ofMinutes(10)));
        assertThat(Instant.parse(in.queryParam("lastUpdatedBefore"))).isEqualTo(before);
        assertThat(jdbc.queryForList("select distinct marketplace_code from orders where account_id = ? order by 1", String.class,
                c.accountId())).containsExactly("IN", "UK");

        // Disabling removes the marketplace from the sync but keeps its watermark: enabling it again resumes there.
        Instant inWatermark2 = watermark(c.accountId(), "IN");
        assertThat(api.put("/api/accounts/" + c.accountId() + "/marketplaces", Map.of("marketplaces", List.of("UK"))).status()).isEqualTo(200);
        assertThat(enabled(c.accountId())).containsExactly("UK");
        CLOCK.advance(Duration.ofHours(1));
        SANDBOX.calls().clear();
        syncSucceeds(c.accountId());
        assertThat(SANDBOX.calls().matching("GET", SEARCH)).allSatisfy(call -> assertThat(call.queryParam("marketplaceIds")).isEqualTo(UK));
        assertThat(watermark(c.accountId(), "IN")).isEqualTo(inWatermark2);

        assertThat(api.put("/api/accounts/" + c.accountId() + "/marketplaces", Map.of("marketplaces", List.of("UK", "IN"))).status()).isEqualTo(200);
        SANDBOX.calls().clear();
        syncSucceeds(c.accountId());
        assertThat(Instant.parse(firstSearchFor(IN).queryParam("lastUpdatedAfter"))).isEqualTo(inWatermark2.minus(Duration.ofMinutes(10)));
    }

    @Test
    void marketplacesAreValidatedAgainstTheAccountsRegion() {
        Connected c = connect("IN");
        String path = "/api/accounts/" + c.accountId() + "/marketplaces";
        JsonNode selection = api.get(path).json();
        assertThat(selection.get("region").asText()).isEqualTo("EU");
        assertThat(selection.get("marketplaces")).extracting(JsonNode::asText).containsExactly("IN");
        assertThat(selection.get("available")).extracting(JsonNode::asText).contains("IN", "UK", "DE").doesNotContain("US", "JP");

        assertField(api.put(path, Map.of("marketplaces", List.of("IN", "US"))), "marketplaces");
        assertField(api.put(path, Map.of("marketplaces", List.of("XX"))), "marketplaces");
        assertField(api.put(path, Map.of("marketplaces", List.of())), "marketplaces");
        assertField(api.put(path, Map.of()), "marketplaces");
        assertThat(enabled(c.accountId())).containsExactly("IN");

        assertThat(api.get("/api/accounts/987654321/marketplaces").status()).isEqualTo(404);
        assertThat(api.put("/api/accounts/987654321/marketplaces", Map.of("marketplaces", List.of("IN"))).status()).isEqualTo(404);
        assertThat(api.delete("/api/accounts/987654321").status()).isEqualTo(404);
    }

    @Test
    void disconnectingErasesTheCredentialsKeepsTheOrdersAndConnectingAgainRestoresTheSameAccount() {
        Connected c = connect("IN", "UK");
        syncSucceeds(c.accountId());
        int orders = jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, c.accountId());
        assertThat(orders).isEqualTo(7);

        Api.Response deleted = api.delete("/api/accounts/" + c.accountId());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(deleted.json().get("statusReason").asText()).contains("Disconnected");
        Map<String, Object> row = jdbc.queryForMap("select * from seller_account where id = ?", c.accountId());
        assertThat(row.get("credentials_ciphertext")).isNull();
        assertThat(row.get("credentials_key_id")).isNull();
        assertThat(row.get("status")).isEqualTo("DISCONNECTED");
        assertThat(jdbc.queryForObject("select count(*) from orders where account_id = ?", Integer.class, c.accountId())).isEqualTo(orders);

        Api.Response sync = api.post("/api/accounts/" + c.accountId() + "/sync", Map.of());
        assertThat(sync.status()).isEqualTo(409);
        assertThat(sync.json().get("detail").asText()).contains("DISCONNECTED");
        // A sync failing for the missing credentials cannot turn a DISCONNECTED account into NEEDS_REAUTH.
        accounts.markStatus(c.accountId(), AccountStatus.NEEDS_REAUTH, "Account has no stored credentials");
        assertThat(api.get("/api/accounts/" + c.accountId()).json().get("status").asText()).isEqualTo("DISCONNECTED");

        // Connecting again goes through the same consent flow and revives this account.
        Api.Response start = api.post("/api/connect/amazon", Map.of("marketplace", "IN"));
        Browser browser = new Browser();
        Browser.Page consent = browser.get(start.json().get("consentUrl").asText());
        Browser.Page end = browser.submit(consent, Map.of("selling_partner_id", c.seller().sellingPartnerId(), "decision", "authorize"));
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.body()).contains("account " + c.accountId());
        JsonNode account = api.get("/api/accounts/" + c.accountId()).json();
        assertThat(account.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(account.get("statusReason").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from seller_account where external_account_id = ?", Integer.class,
                c.seller().sellingPartnerId())).isEqualTo(1);
        syncSucceeds(c.accountId());
    }

    @Test
    void everyApiCallNeedsTheApiKey() {
        Connected c = connect("IN");
        String id = String.valueOf(c.accountId());
        List<HttpRequest.Builder> calls = List.of(
                request("/api/accounts").GET(),
                request("/api/accounts/" + id).GET(),
                request("/api/accounts/" + id + "/marketplaces").GET(),
                request("/api/accounts/" + id + "/marketplaces").PUT(json("{\"marketplaces\":[\"UK\"]}")),
                request("/api/accounts/" + id).DELETE(),
                request("/api/accounts/" + id + "/sync").POST(json("{}")),
                request("/api/connect/amazon").POST(json("{\"marketplace\":\"IN\"}")));
        for (HttpRequest.Builder call : calls) {
            assertThat(send(call.copy().build()).statusCode()).as(call.build().method() + " " + call.build().uri()).isEqualTo(401);
            assertThat(send(call.copy().header("Authorization", "Bearer not-the-key").build()).statusCode()).isEqualTo(401);
        }
        assertThat(api.get("/api/accounts/" + id).json().get("status").asText()).isEqualTo("CONNECTED");
        assertThat(enabled(c.accountId())).containsExactly("IN");
    }

    @Test
    void theApiIsPublishedAsOpenApiWithTheApiKeyScheme() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")).GET().build());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = new ObjectMapper().readTree(docs.body());
        JsonNode scheme = api.at("/components/securitySchemes/apiKey");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");

        JsonNode paths = api.get("paths");
        for (String[] op : new String[][]{{"/api/connect/amazon", "post"}, {"/api/accounts", "get"}, {"/api/accounts/{id}", "get"},
                {"/api/accounts/{id}", "delete"}, {"/api/accounts/{id}/marketplaces", "get"}, {"/api/accounts/{id}/marketplaces", "put"}}) {
            JsonNode operation = paths.path(op[0]).path(op[1]);
            assertThat(operation.isMissingNode()).as(op[1] + " " + op[0]).isFalse();
            assertThat(operation.get("summary").asText()).as(op[1] + " " + op[0]).isNotBlank();
            assertThat(operation.at("/security/0/apiKey").isArray()).as(op[1] + " " + op[0]).isTrue();
        }
        // Every operation says what it does in a sentence, not a method name; those that answer several ways say how.
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().path("summary").asText().split(" ")).as(operation.getKey() + " " + path.getKey())
                        .hasSizeGreaterThan(2)));
        for (String[] op : new String[][]{{"/api/shipments", "post"}, {"/api/shipments", "get"}, {"/api/shipments/{eventId}", "get"},
                {"/api/shipments/{eventId}/retry", "post"}, {"/api/accounts/flipkart", "post"}}) {
            assertThat(paths.path(op[0]).path(op[1]).path("description").asText()).as(op[1] + " " + op[0]).containsPattern("\\b[245]0\\d\\b");
        }
        JsonNode callback = paths.path("/connect/amazon/callback").path("get");
        assertThat(callback.get("summary").asText()).isNotBlank();
        assertThat(callback.path("security")).isEmpty();

        HttpResponse<String> ui = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui.html")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void theMarketplacesTakeABareArrayAndOneRunCanBeReadById() {
        Connected c = connect("IN");
        Api.Response put = api.put("/api/accounts/" + c.accountId() + "/marketplaces", List.of("IN", "UK"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("marketplaces")).extracting(JsonNode::asText).containsExactly("IN", "UK");

        Api.Response sync = api.post("/api/accounts/" + c.accountId() + "/sync", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        long runId = sync.json().get("runId").asLong();
        Api.Response run = api.get("/api/accounts/" + c.accountId() + "/sync-runs/" + runId);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("id").asLong()).isEqualTo(runId);
        assertThat(run.json().get("status").asText()).isIn("RUNNING", "SUCCEEDED");
        Api.Response otherAccounts = api.get("/api/accounts/" + (c.accountId() + 100000) + "/sync-runs/" + runId);
        assertThat(otherAccounts.status()).isEqualTo(404);
        assertThat(api.get("/api/accounts/" + c.accountId() + "/sync-runs/" + (runId + 100000)).status()).isEqualTo(404);
    }

    @Test
    void errorsNameEveryMissingFieldAndUnknownPathsAnswerAProblem() {
        Api.Response missing = api.post("/api/accounts/amazon", Map.of("region", "EU"));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("fields")).extracting(JsonNode::asText)
                .containsExactly("marketplaces", "refreshToken", "sellingPartnerId");
        assertThat(missing.json().get("detail").asText()).contains("marketplaces", "refreshToken", "sellingPartnerId");

        Api.Response unknown = api.get("/api/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("/api/no-such-thing");
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isIn(400, 422);
        assertThat(response.json().get("field").asText()).as(response.body()).isEqualTo(field);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
