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
