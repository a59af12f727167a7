package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.SandboxTestClient;
import com.marketplaceconnect.sandbox.http.FormCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.marketplaceconnect.sandbox.SandboxTestClient.fields;
import static com.marketplaceconnect.sandbox.SandboxTestClient.json;
import static com.marketplaceconnect.sandbox.SandboxTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentFlowTest {

    private static final String REDIRECT = "https://connect.example.com/oauth/amazon/callback";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private MarketplaceSandbox sandbox;
    private SandboxTestClient client;
    private String appId;

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock));
        client = new SandboxTestClient(sandbox);
        sandbox.amazon().addSeller("A1SELLERONE", "EU");
        sandbox.amazon().addSeller("A2SELLERTWO", "NA");
        sandbox.amazon().setRedirectUri(REDIRECT);
        appId = sandbox.amazon().applicationId();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void consentPageListsSellersAndNeedsBetaWhileDraft() {
        HttpResponse<String> notPublished = client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s1"), null);
        assertThat(notPublished.statusCode()).isEqualTo(400);
        assertThat(notPublished.body()).contains("not published");

        HttpResponse<String> page = client.get("/apps/authorize/consent"
                + query("application_id", appId, "state", "s1", "version", "beta", "selling_partner_id", "A2SELLERTWO"), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("Authorize Marketplace Connect to access your Amazon seller account")
                .contains("A1SELLERONE").contains("<option value=\"A2SELLERTWO\" selected>")
                .contains("action=\"/apps/authorize/confirm\"")
                .contains("value=\"authorize\"").contains("value=\"deny\"");

        sandbox.amazon().setAppDraft(false);
        assertThat(client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s1"), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownApplicationOrRedirectUriIsAnErrorPage() {
        assertThat(client.get("/apps/authorize/consent" + query("application_id", "amzn1.sp.solution.other",
                "state", "s", "version", "beta"), null).statusCode()).isEqualTo(400);
        assertThat(client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s", "version", "beta",
                "redirect_uri", "https://evil.example.com/cb"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void authorizeRedirectsWithSingleUseCodeThatYieldsARefreshToken() {
        Map<String, String> redirect = authorize("A1SELLERONE", "state-123");
        assertThat(redirect).containsEntry("state", "state-123").containsEntry("selling_partner_id", "A1SELLERONE")
                .doesNotContainKey("mws_auth_token");
        String code = redirect.get("spapi_oauth_code");
        assertThat(code).isNotBlank();

        HttpResponse<String> exchange = exchange(code, REDIRECT);
        assertThat(exchange.statusCode()).isEqualTo(200);
        JsonNode tokens = json(exchange);
        String refresh = tokens.get("refresh_token").asText();
        assertThat(refresh).startsWith("Atzr|");
        assertThat(tokens.get("access_token").asText()).startsWith("Atza|");
        assertThat(client.refresh(refresh).statusCode()).isEqualTo(200);
        assertThat(sandbox.amazon().issuedSecrets()).contains(code, refresh);

        HttpResponse<String> reused = exchange(code, REDIRECT);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).isEqualTo(
                "{\"error_description\":\"The request has an invalid grant parameter : code\",\"error\":\"invalid_grant\"}");
    }

    @Test
    void codesExpireAfterFiveMinutes() {
        String fresh = authorize("A1SELLERONE", "s").get("spapi_oauth_code");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(exchange(fresh, REDIRECT).statusCode()).isEqualTo(200);

        String stale = authorize("A1SELLERONE", "s").get("spapi_oauth_code");
        clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> r = exchange(stale, REDIRECT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void codeGrantChecksTheRedirectUri() {
        String code = authorize("A1SELLERONE", "s").get("spapi_oauth_code");
        HttpResponse<String> r = exchange(code, "https://other.example.com/cb");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error_description").asText()).endsWith(": code");
    }

    @Test
    void denyRedirectsWithAccessDenied() {
        HttpResponse<String> r = client.postForm("/apps/authorize/confirm", fields("application_id", appId,
                "state", "st", "selling_partner_id", "A1SELLERONE", "decision", "deny", "redirect_uri", REDIRECT));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        Map<String, String> params = redirectParams(r);
        assertThat(params).containsEntry("state", "st").containsEntry("error", "access_denied")
                .containsKey("error_description").doesNotContainKey("spapi_oauth_code");
    }

    @Test
    void withoutAHintTheConsentPageOffersANewSandboxSellerFirstAndItsMarketplace() {
        HttpResponse<String> page = client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s1", "version", "beta"), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<option value=\"new-sandbox-seller\" selected>New sandbox seller")
                .contains("<option value=\"A1SELLERONE\">").contains("<option value=\"A2SELLERTWO\">")
                .contains("<select id=\"new_seller_marketplace\" name=\"new_seller_marketplace\">")
                .contains("<option value=\"IN\" selected>Amazon.in (IN, region EU)</option>")
                .contains("<option value=\"US\">Amazon.com (US, region NA)</option>");
    }

    /**
     * A seller not in the sandbox yet (the README's seller-42): the consent page's "New sandbox seller" registers a
     * new selling partner with orders in the chosen marketplace, the code it redirects with yields a refresh token for
     * it, and that token reads its orders, as the service does after the callback.
     */
    @Test
    void aNewSandboxSellerIsCreatedOnTheConsentPageAndAuthorizedEndToEnd() {
        int ordersBefore = sandbox.amazon().orderCount();
        HttpResponse<String> page = client.get("/apps/authorize/consent" + query("application_id", appId,
                "state", "state-42", "version", "beta", "redirect_uri", REDIRECT), null);
        assertThat(page.statusCode()).isEqualTo(200);
        // The browser submits the form: its hidden fields, the two choices, the button.
        Map<String, String> form = new java.util.LinkedHashMap<>(hiddenFields(page.body()));
        assertThat(form).containsEntry("state", "state-42").containsEntry("redirect_uri", REDIRECT);
        form.put("selling_partner_id", AmazonSandbox.NEW_SELLER_CHOICE);
        form.put(AmazonSandbox.NEW_SELLER_MARKETPLACE_FIELD, "UK");
        form.put("decision", "authorize");
        HttpResponse<String> confirmed = client.postForm("/apps/authorize/confirm", form);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);

        Map<String, String> redirect = redirectParams(confirmed);
        String seller = redirect.get("selling_partner_id");
        assertThat(seller).matches("A[A-Z0-9]{13}").isNotIn("A1SELLERONE", "A2SELLERTWO");
        assertThat(redirect).containsEntry("state", "state-42").containsKey("spapi_oauth_code");
        assertThat(sandbox.amazon().orderIds(seller)).hasSize(AmazonSandbox.NEW_SELLER_ORDERS);
        assertThat(sandbox.amazon().orderCount()).isEqualTo(ordersBefore + AmazonSandbox.NEW_SELLER_ORDERS);

        HttpResponse<String> exchange = exchange(redirect.get("spapi_oauth_code"), REDIRECT);
        assertThat(exchange.statusCode()).isEqualTo(200);
        String accessToken = client.accessToken(json(exchange).get("refresh_token").asText());
        HttpResponse<String> orders = client.get("/orders/2026-01-01/orders" + query("marketplaceIds", Marketplace.UK,
                "createdAfter", clock.instant().minus(Duration.ofDays(31)).toString(), "maxResultsPerPage", "100"), accessToken);
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(json(orders).get("orders")).hasSize(AmazonSandbox.NEW_SELLER_ORDERS);
        // Amazon.co.uk is in EU: the new seller is an EU seller, a marketplace of another region is refused.
        assertThat(client.get("/orders/2026-01-01/orders" + query("marketplaceIds", "ATVPDKIKX0DER",
                "createdAfter", clock.instant().minus(Duration.ofDays(31)).toString()), accessToken).statusCode()).isEqualTo(400);

        // Next time the seller is on the page, as any registered one.
        assertThat(client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s2", "version", "beta"), null).body())
                .contains("<option value=\"" + seller + "\">");
    }

    @Test
    void aNewSellerNeedsAKnownMarketplaceAndADenialCreatesNone() {
        int orders = sandbox.amazon().orderCount();
        HttpResponse<String> unknown = client.postForm("/apps/authorize/confirm", fields("application_id", appId, "state", "s",
                "redirect_uri", REDIRECT, "selling_partner_id", AmazonSandbox.NEW_SELLER_CHOICE,
                AmazonSandbox.NEW_SELLER_MARKETPLACE_FIELD, "XX", "decision", "authorize"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown marketplace");

        HttpResponse<String> denied = client.postForm("/apps/authorize/confirm", fields("application_id", appId, "state", "s",
                "redirect_uri", REDIRECT, "selling_partner_id", AmazonSandbox.NEW_SELLER_CHOICE, "decision", "deny"));
        assertThat(redirectParams(denied)).containsEntry("error", "access_denied");
        assertThat(sandbox.amazon().orderCount()).isEqualTo(orders);
        assertThat(client.get("/apps/authorize/consent" + query("application_id", appId, "state", "s", "version", "beta"), null).body())
                .contains("A1SELLERONE").contains("A2SELLERTWO").doesNotContainPattern("<option value=\"A[A-Z0-9]{13}\">");

        // Without a marketplace the new seller's orders are in India (the page's default).
        Map<String, String> redirect = redirectParams(client.postForm("/apps/authorize/confirm", fields("application_id", appId,
                "state", "s", "redirect_uri", REDIRECT, "selling_partner_id", AmazonSandbox.NEW_SELLER_CHOICE, "decision", "authorize")));
        String seller = redirect.get("selling_partner_id");
        assertThat(sandbox.amazon().orderIds(seller)).hasSize(AmazonSandbox.NEW_SELLER_ORDERS)
                .allSatisfy(id -> assertThat(sandbox.amazon().order(id).get("salesChannel").get("marketplaceId").asText())
                        .isEqualTo(Marketplace.INDIA));
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) fields.put(m.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(2)));
        return fields;
    }

    private Map<String, String> authorize(String seller, String state) {
        HttpResponse<String> r = client.postForm("/apps/authorize/confirm", fields("application_id", appId,
                "state", state, "selling_partner_id", seller, "decision", "authorize", "redirect_uri", REDIRECT));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        return redirectParams(r);
    }

    private static Map<String, String> redirectParams(HttpResponse<String> r) {
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(REDIRECT);
        Map<String, List<String>> q = FormCodec.decode(location.getRawQuery());
        Map<String, String> single = new java.util.LinkedHashMap<>();
        q.forEach((k, v) -> single.put(k, v.get(0)));
        return single;
    }

    private HttpResponse<String> exchange(String code, String redirectUri) {
        return client.postForm("/auth/o2/token", fields("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", SandboxSettings.DEFAULT_CLIENT_ID,
                "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
    }
}
