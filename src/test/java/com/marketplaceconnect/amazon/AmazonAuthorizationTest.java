package com.marketplaceconnect.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.Browser;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Amazon's website authorization workflow end to end: the service's start, the sandbox's Seller Central consent page
 * (GET, then the Authorize or Deny form POSTed like a browser would), the service's callback, the LWA code grant.
 */
@ExtendWith(OutputCaptureExtension.class)
class AmazonAuthorizationTest extends IntegrationTest {
    private static final String CALLBACK = "/connect/amazon/callback";
    private static final String DASHBOARD = "https://dashboard.example.test/sellers/onboarding";

    @Autowired
    AmazonProperties amazonProperties;

    @Autowired
    AccountRepository accountRepository;

    @Autowired
    com.marketplaceconnect.accounts.OAuthStates states;

    @Autowired
    LwaTokens lwaTokens;

    private Api api;

    @BeforeEach
    void registerApp() {
        api = new Api(baseUrl());
        // The app's registration in the sandbox's Developer Central: this test server's callback, a draft app.
        SANDBOX.amazon().setRedirectUri(baseUrl() + CALLBACK);
        SANDBOX.amazon().setAppDraft(true);
    }

    private static String newSeller(String region) {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        SANDBOX.amazon().addSeller(spid, region);
        return spid;
    }

    private String consentUrl(Map<String, Object> request) {
        Api.Response response = api.post("/api/connect/amazon", request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        return response.json().get("consentUrl").asText();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> result = new HashMap<>();
        UriComponentsBuilder.fromUriString(url).build().getQueryParams()
                .forEach((k, v) -> result.put(k, java.net.URLDecoder.decode(v.get(0), StandardCharsets.UTF_8)));
        return result;
    }

    /** The seller opens the consent page and presses a button; returns where the browser ended. */
    private static Browser.Page decide(Browser browser, String consentUrl, String spid, String decision) {
        Browser.Page consent = browser.get(consentUrl);
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("Authorize", "Deny");
        return browser.submit(consent, Map.of("selling_partner_id", spid, "decision", decision));
    }

    private int accountsOf(String spid) {
        return jdbc.queryForObject("select count(*) from seller_account where external_account_id = ?", Integer.class, spid);
    }

    private long accountId(String spid) {
        return jdbc.queryForObject("select id from seller_account where external_account_id = ?", Long.class, spid);
    }

    private int stateCount() {
        return jdbc.queryForObject("select count(*) from oauth_state", Integer.class);
    }

    @Test
    void sellerConnectsThroughTheConsentPageAndTheAccountSyncsWithTheNewRefreshToken(CapturedOutput output) {
        String spid = newSeller("EU");
        String consentUrl = consentUrl(Map.of("marketplace", "IN", "sellerReference", "seller-42"));

        // The consent URL: the (sandbox) Seller Central of India, the app id, a fresh 256-bit state, version=beta (draft).
        assertThat(consentUrl).startsWith(SANDBOX.baseUrl() + "/apps/authorize/consent?");
        Map<String, String> q = query(consentUrl);
        assertThat(q.get("application_id")).isEqualTo(SANDBOX.amazon().applicationId());
        assertThat(q.get("version")).isEqualTo("beta");
        assertThat(q.get("redirect_uri")).isEqualTo(baseUrl() + CALLBACK);
        assertThat(Base64.getUrlDecoder().decode(q.get("state"))).hasSizeGreaterThanOrEqualTo(16);
        // Only a SHA-256 of the state is stored.
        assertThat(jdbc.queryForObject("select count(*) from oauth_state where state_hash = ? and used_at is null",
                Integer.class, (Object) sha256(q.get("state")))).isEqualTo(1);

        Browser browser = new Browser();
        Browser.Page end = decide(browser, consentUrl, spid, "authorize");

        // consent page -> confirm (POST) -> the service's callback with the code -> plain success page
        assertThat(browser.visited()).extracting(URI::getPath)
                .containsExactly("/apps/authorize/consent", "/apps/authorize/confirm", CALLBACK);
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(end.body()).contains("Amazon connected", spid);

        long id = accountId(spid);
        Map<String, Object> row = jdbc.queryForMap("select * from seller_account where id = ?", id);
        assertThat(row.get("marketplace")).isEqualTo("AMAZON");
        assertThat(row.get("region")).isEqualTo("EU");
        assertThat(row.get("status")).isEqualTo("CONNECTED");
        assertThat(row.get("seller_reference")).isEqualTo("seller-42");
        assertThat(row.get("credentials_ciphertext")).isNotNull();
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ?", String.class, id))
                .containsExactly("IN");
        assertThat(jdbc.queryForObject("select count(*) from oauth_state where state_hash = ? and used_at is not null",
                Integer.class, (Object) sha256(q.get("state")))).isEqualTo(1);
        // The stored refresh token is the one LWA issued for this seller: it is accepted for the seller's orders.
        assertThat(SANDBOX.amazon().issuedSecrets()).contains(accountRepository.credentials(id).get("refreshToken"));

        // The API shows the account, never a credential.
        JsonNode account = api.get("/api/accounts/" + id).json();
        assertThat(account.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(account.get("externalAccountId").asText()).isEqualTo(spid);
        assertThat(account.get("marketplaces")).extracting(JsonNode::asText).containsExactly("IN");

        Api.Response sync = api.post("/api/accounts/" + id + "/sync", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        long runId = sync.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(
                jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)).isEqualTo("SUCCEEDED");

        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/api/accounts", "/api/accounts/" + id, "/api/accounts/" + id + "/marketplaces",
                "/api/accounts/" + id + "/sync-runs")) {
            Api.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            bodies.add(r.body());
        }
        bodies.add(end.body());
        for (String secret : SANDBOX.amazon().issuedSecrets()) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
            bodies.forEach(body -> assertThat(body).as("API response").doesNotContain(secret));
        }
    }

    @Test
    void browserStartRedirectsToConsentAndTheCallbackReturnsToTheDashboardWithTheAccountId(CapturedOutput output) {
        String spid = newSeller("NA");
        Browser browser = new Browser();
        Browser.Page consent = browser.get(baseUrl() + "/connect/amazon/start?region=NA&sellerReference=s-7&returnUrl="
                + java.net.URLEncoder.encode(DASHBOARD + "?step=amazon", StandardCharsets.UTF_8));
        assertThat(browser.visited()).extracting(URI::getPath).containsExactly("/connect/amazon/start", "/apps/authorize/consent");
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);

        Browser.Page end = browser.submit(consent, Map.of("selling_partner_id", spid, "decision", "authorize"));
        assertThat(end.uri().getPath()).isEqualTo(CALLBACK);
        assertThat(end.status()).isEqualTo(302);
        assertThat(end.header("Referrer-Policy")).isEqualTo("no-referrer");
        long id = accountId(spid);
        assertThat(end.location()).isEqualTo(DASHBOARD + "?step=amazon&accountId=" + id + "&status=CONNECTED");
        Map<String, Object> row = jdbc.queryForMap("select region, status, seller_reference from seller_account where id = ?", id);
        assertThat(row).containsEntry("region", "NA").containsEntry("status", "CONNECTED").containsEntry("seller_reference", "s-7");
        // Only a region was named: the consent covers it, no marketplace is enabled until the seller picks some.
        assertThat(jdbc.queryForObject("select count(*) from account_marketplace where account_id = ?", Integer.class, id)).isZero();
        for (String secret : SANDBOX.amazon().issuedSecrets()) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(end.location()).doesNotContain(secret);
        }
    }

    @Test
    void reconnectingUpdatesTheSameAccount() {
        String spid = newSeller("EU");
        Browser.Page first = decide(new Browser(), consentUrl(Map.of("marketplace", "IN")), spid, "authorize");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long id = accountId(spid);
        byte[] firstCiphertext = jdbc.queryForObject("select credentials_ciphertext from seller_account where id = ?", byte[].class, id);
        jdbc.update("update seller_account set status = 'NEEDS_REAUTH', status_reason = 'revoked' where id = ?", id);

        Browser.Page second = decide(new Browser(), consentUrl(Map.of("marketplace", "UK", "sellerReference", "ref-2")), spid, "authorize");
        assertThat(second.status()).as(second.body()).isEqualTo(200);

        assertThat(accountsOf(spid)).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("select * from seller_account where id = ?", id);
        assertThat(row.get("status")).isEqualTo("CONNECTED");
        assertThat(row.get("status_reason")).isNull();
        assertThat(row.get("seller_reference")).isEqualTo("ref-2");
        assertThat((byte[]) row.get("credentials_ciphertext")).isNotEqualTo(firstCiphertext);
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ? order by 1", String.class, id))
                .containsExactly("IN", "UK");
    }

    @Test
    void aStateIssuedForAnotherSellerCannotTakeOverAConnectedAccount() {
        String spid = newSeller("EU");
        Browser.Page first = decide(new Browser(), consentUrl(Map.of("marketplace", "IN", "sellerReference", "seller-a")), spid, "authorize");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long id = accountId(spid);
        byte[] ciphertext = jdbc.queryForObject("select credentials_ciphertext from seller_account where id = ?", byte[].class, id);

        Browser.Page other = decide(new Browser(), consentUrl(Map.of("marketplace", "UK", "sellerReference", "seller-b")), spid, "authorize");
        Browser.Page anonymous = decide(new Browser(), consentUrl(Map.of("marketplace", "UK")), spid, "authorize");

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).contains("already connected to another seller");
        assertThat(anonymous.status()).isEqualTo(409);
        assertThat(accountsOf(spid)).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("select * from seller_account where id = ?", id);
        assertThat(row.get("seller_reference")).isEqualTo("seller-a");
        assertThat((byte[]) row.get("credentials_ciphertext")).isEqualTo(ciphertext);
        assertThat(jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ?", String.class, id))
                .containsExactly("IN");
    }

    @Test
    void aReplayedStateIsRefusedAndNothingIsSaved() {
        String spid = newSeller("EU");
        String consentUrl = consentUrl(Map.of("marketplace", "IN"));
        assertThat(decide(new Browser(), consentUrl, spid, "authorize").status()).isEqualTo(200);

        // Same state again, with a fresh code for another seller: the state is spent.
        String other = newSeller("EU");
        Browser.Page replay = decide(new Browser(), consentUrl, other, "authorize");
        assertThat(replay.uri().getPath()).isEqualTo(CALLBACK);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("unknown, expired or was already used", "Nothing was saved");
        assertThat(accountsOf(other)).isZero();
        assertThat(accountsOf(spid)).isEqualTo(1);
    }

    @Test
    void concurrentCallbacksWithOneStateConsumeItOnce() throws Exception {
        var issued = states.issue(new com.marketplaceconnect.accounts.OAuthStates.PendingAuthorization(
                "AMAZON", "EU", "IN", null, baseUrl() + CALLBACK, null), Duration.ofMinutes(10));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return states.consume(issued.state()).isPresent();
                }));
            }
            start.countDown();
            int passed = 0;
            for (var result : results) {
                passed += result.get() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredStateIsRefusedAndNothingIsSaved() {
        String spid = newSeller("EU");
        String consentUrl = consentUrl(Map.of("marketplace", "IN"));
        CLOCK.advance(Duration.ofMinutes(11));
        Browser.Page end = decide(new Browser(), consentUrl, spid, "authorize");
        assertThat(end.uri().getPath()).isEqualTo(CALLBACK);
        assertThat(end.status()).isEqualTo(400);
        assertThat(end.body()).contains("unknown, expired or was already used");
        assertThat(accountsOf(spid)).isZero();
    }

    @Test
    void anUnknownStateIsRefusedAndNothingIsSaved() {
        String spid = newSeller("EU");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        String consentUrl = SANDBOX.baseUrl() + "/apps/authorize/consent?application_id=" + SANDBOX.amazon().applicationId()
                + "&state=" + forged + "&version=beta";
        int states = stateCount();
        Browser.Page end = decide(new Browser(), consentUrl, spid, "authorize");
        assertThat(end.uri().getPath()).isEqualTo(CALLBACK);
        assertThat(end.status()).isEqualTo(400);
        assertThat(end.body()).contains("unknown, expired or was already used");
        assertThat(accountsOf(spid)).isZero();
        assertThat(stateCount()).isEqualTo(states);

        // No state at all: the same.
        Browser.Page none = new Browser().get(baseUrl() + CALLBACK + "?selling_partner_id=" + spid + "&spapi_oauth_code=abc");
        assertThat(none.status()).isEqualTo(400);
        assertThat(accountsOf(spid)).isZero();
    }

    @Test
    void anExpiredAuthorizationCodeIsRefusedAndNothingIsSaved() {
        String spid = newSeller("EU");
        String consentUrl = consentUrl(Map.of("marketplace", "IN", "returnUrl", DASHBOARD));
        Browser browser = new Browser();
        Browser.Page consent = browser.get(consentUrl);
        // The seller authorizes, but the browser does not follow Amazon's redirect to the callback at once.
        HttpResponse<String> confirm = postForm(consent, Map.of("selling_partner_id", spid, "decision", "authorize"));
        assertThat(confirm.statusCode()).isEqualTo(302);
        String callback = confirm.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(baseUrl() + CALLBACK).contains("spapi_oauth_code=");

        CLOCK.advance(Duration.ofMinutes(6)); // the code lives 5 minutes, the state 10
        Browser.Page end = browser.get(callback);
        assertThat(end.status()).isEqualTo(302);
        Map<String, String> q = query(end.location());
        assertThat(end.location()).startsWith(DASHBOARD + "?");
        assertThat(q.get("error")).isEqualTo("invalid_grant");
        assertThat(q.get("error_description")).contains("expired", "5 minutes", "Nothing was saved");
        assertThat(accountsOf(spid)).isZero();
    }

    @Test
    void aDenialEndsAtTheReturnUrlWithTheReasonAndSavesNothing() {
        String spid = newSeller("EU");
        String consentUrl = consentUrl(Map.of("marketplace", "IN", "returnUrl", DASHBOARD));
        Browser.Page end = decide(new Browser(), consentUrl, spid, "deny");
        assertThat(end.uri().getPath()).isEqualTo(CALLBACK);
        assertThat(end.status()).isEqualTo(302);
        assertThat(end.header("Referrer-Policy")).isEqualTo("no-referrer");
        Map<String, String> q = query(end.location());
        assertThat(q.get("error")).isEqualTo("access_denied");
        assertThat(q.get("error_description")).contains("denied");
        assertThat(q).doesNotContainKey("accountId");
        assertThat(accountsOf(spid)).isZero();

        // Without a return URL: a plain page with the reason.
        Browser.Page plain = decide(new Browser(), consentUrl(Map.of("region", "EU")), spid, "deny");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).contains("Amazon not connected", "denied");
        assertThat(accountsOf(spid)).isZero();
    }

    @Test
    void startValidatesItsInputNamingTheField() {
        assertProblem(api.post("/api/connect/amazon", Map.of()), 400, "region");
        assertProblem(api.post("/api/connect/amazon", Map.of("region", "XX")), 400, "region");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "ZZ")), 400, "marketplace");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "IN", "region", "NA")), 400, "marketplace");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "IN", "returnUrl", "https://evil.example/")), 400, "returnUrl");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "IN",
                "returnUrl", "https://dashboard.example.test.evil.example/sellers/")), 400, "returnUrl");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "IN",
                "returnUrl", "https://dashboard.example.test/admin/")), 400, "returnUrl");
        assertProblem(api.post("/api/connect/amazon", Map.of("marketplace", "IN", "sellerReference", "x".repeat(201))), 400, "sellerReference");

        Api.Response browserStart = new Api(baseUrl()).getWithoutKey("/connect/amazon/start?marketplace=IN&returnUrl=https://evil.example/");
        assertThat(browserStart.status()).isEqualTo(400);
        assertThat(browserStart.json().get("field").asText()).isEqualTo("returnUrl");
    }

    @Test
    void theConsentUrlIsTheMarketplacesSellerCentralAndAPublishedAppAsksWithoutVersionBeta() {
        // The same service with production settings: a published app, no Seller Central override, an absolute redirect URI.
        AmazonAuthorizationProperties production = new AmazonAuthorizationProperties(new AmazonAuthorizationProperties.OAuth(
                "amzn1.sp.solution.production", false, "https://connect.example.com/connect/amazon/callback", null, List.of(),
                Duration.ofMinutes(10)), Map.of("DE", "https://sellercentral.amazon.de/"));
        AmazonAuthorization authorization = new AmazonAuthorization(production, states, lwaTokens, accountRepository);

        String india = authorization.start(new AmazonAuthorization.StartRequest(null, "IN", null, null), "http://10.0.0.7:8080").consentUrl();
        assertThat(india).startsWith("https://sellercentral.amazon.in/apps/authorize/consent?application_id=amzn1.sp.solution.production&state=");
        assertThat(query(india)).doesNotContainKey("version")
                .containsEntry("redirect_uri", "https://connect.example.com/connect/amazon/callback");
        assertThat(authorization.start(new AmazonAuthorization.StartRequest("EU", null, null, null), "http://x").consentUrl())
                .startsWith("https://sellercentral-europe.amazon.com/apps/authorize/consent?");
        assertThat(authorization.start(new AmazonAuthorization.StartRequest("na", null, null, null), "http://x").consentUrl())
                .startsWith("https://sellercentral.amazon.com/apps/authorize/consent?");
        assertThat(authorization.start(new AmazonAuthorization.StartRequest(null, "de", null, null), "http://x").consentUrl())
                .startsWith("https://sellercentral.amazon.de/apps/authorize/consent?");

        // This test's service: a draft app, the sandbox as Seller Central, the relative redirect URI on this server.
        Map<String, String> q = query(consentUrl(Map.of("region", "fe")));
        assertThat(q).containsEntry("version", "beta").containsEntry("redirect_uri", baseUrl() + CALLBACK);
    }

    @Test
    void theApiNeedsTheApiKey() {
        Api.Response response = api.postWithoutKey("/api/connect/amazon", Map.of("marketplace", "IN"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).contains("API key");
        int states = stateCount();
        assertThat(api.getWithoutKey("/api/accounts").status()).isEqualTo(401);
        assertThat(stateCount()).isEqualTo(states);
    }

    @Test
    void invalidClientSaysTheSecretMustBeRotatedAndTurnsTheAmazonAppHealthDown() {
        // An LWA client with an outdated secret, against the same sandbox LWA.
        AmazonProperties.Lwa lwa = amazonProperties.lwa();
        AmazonProperties stale = new AmazonProperties(new AmazonProperties.Lwa(lwa.tokenUrl(), lwa.clientId(), "an-old-secret",
                lwa.refreshMargin()), amazonProperties.endpoints(), amazonProperties.userAgent(), amazonProperties.sync(),
                amazonProperties.rateLimits());
        LwaTokens tokens = new LwaTokens(stale, accountRepository, CLOCK);
        AmazonAppHealthIndicator health = new AmazonAppHealthIndicator(tokens);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        LwaException e = org.junit.jupiter.api.Assertions.assertThrows(LwaException.class,
                () -> tokens.exchangeAuthorizationCode("SomeCode", baseUrl() + CALLBACK));
        assertThat(e.clientSecretNeedsRotation()).isTrue();
        assertThat(e.getMessage()).contains("invalid_client", "must be rotated", "180 days");

        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("problem").toString()).contains("must be rotated", "180 days");

        // The running service's component is registered under the name "amazonApp" and is up.
        HttpResponse<String> actuator = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "operator:test-operator-password".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(actuator.body()).contains("\"amazonApp\":{\"status\":\"UP\"");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("field").asText()).as(response.body()).isEqualTo(field);
    }

    private static HttpResponse<String> postForm(Browser.Page page, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(page.hiddenFields());
        form.putAll(fields);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(page.formAction()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
