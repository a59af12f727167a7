package com.marketplaceconnect.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static com.marketplaceconnect.sandbox.SandboxTestClient.fields;
import static com.marketplaceconnect.sandbox.SandboxTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class LwaTokenTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private MarketplaceSandbox sandbox;
    private SandboxTestClient client;
    private AmazonSeller seller;

    @BeforeEach
    void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock).withAccessTokenLifetime(Duration.ofSeconds(3600)));
        client = new SandboxTestClient(sandbox);
        seller = sandbox.amazon().addSeller("A1SELLER", "EU");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void refreshGrantIssuesBearerAccessTokenWithNoStoreHeaders() {
        HttpResponse<String> r = client.refresh(seller.refreshToken());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        JsonNode body = json(r);
        assertThat(body.get("access_token").asText()).startsWith("Atza|");
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("refresh_token").asText()).isEqualTo(seller.refreshToken());
        assertThat(seller.refreshToken()).startsWith("Atzr|");
        assertThat(sandbox.amazon().issuedSecrets()).contains(seller.refreshToken(), body.get("access_token").asText(),
                SandboxSettings.DEFAULT_CLIENT_SECRET);
    }

    @Test
    void jsonBodyIsAcceptedLikeTheOfficialSdkSendsIt() throws Exception {
        String body = SandboxTestClient.JSON.writeValueAsString(fields("grant_type", "refresh_token",
                "refresh_token", seller.refreshToken(), "client_id", SandboxSettings.DEFAULT_CLIENT_ID,
                "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(client.uri("/auth/o2/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongClientSecretIsInvalidClient401() {
        HttpResponse<String> r = client.postForm("/auth/o2/token", fields("grant_type", "refresh_token",
                "refresh_token", seller.refreshToken(), "client_id", SandboxSettings.DEFAULT_CLIENT_ID, "client_secret", "old-secret"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error_description\":\"Client authentication failed\",\"error\":\"invalid_client\"}");

        HttpResponse<String> wrongId = client.postForm("/auth/o2/token", fields("grant_type", "refresh_token",
                "refresh_token", seller.refreshToken(), "client_id", "amzn1.application-oa2-client.other",
                "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
        assertThat(wrongId.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownAndRevokedRefreshTokensAreInvalidGrant() {
        HttpResponse<String> unknown = client.refresh("Atzr|not-a-real-token");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo(
                "{\"error_description\":\"The request has an invalid grant parameter : refresh_token\",\"error\":\"invalid_grant\"}");

        sandbox.amazon().revokeRefreshTokens("A1SELLER");
        HttpResponse<String> revoked = client.refresh(seller.refreshToken());
        assertThat(revoked.statusCode()).isEqualTo(400);
        assertThat(json(revoked).get("error").asText()).isEqualTo("invalid_grant");

        String fresh = sandbox.amazon().issueRefreshToken("A1SELLER");
        assertThat(client.refresh(fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        HttpResponse<String> r = client.postForm("/auth/o2/token", fields("grant_type", "client_credentials",
                "scope", "sellingpartnerapi::notifications", "client_id", SandboxSettings.DEFAULT_CLIENT_ID,
                "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error_description\":\"The authorization grant type is not supported by the "
                + "authorization server\",\"error\":\"unsupported_grant_type\"}");
    }

    @Test
    void missingFieldsAreInvalidRequest() {
        HttpResponse<String> noRefresh = client.postForm("/auth/o2/token", fields("grant_type", "refresh_token",
                "client_id", SandboxSettings.DEFAULT_CLIENT_ID, "client_secret", SandboxSettings.DEFAULT_CLIENT_SECRET));
        assertThat(noRefresh.statusCode()).isEqualTo(400);
        assertThat(json(noRefresh).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(noRefresh).get("error_description").asText()).contains("refresh_token");

        HttpResponse<String> noGrant = client.postForm("/auth/o2/token", fields("refresh_token", seller.refreshToken()));
        assertThat(json(noGrant).get("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> noSecret = client.postForm("/auth/o2/token", fields("grant_type", "refresh_token",
                "refresh_token", seller.refreshToken(), "client_id", SandboxSettings.DEFAULT_CLIENT_ID));
        assertThat(noSecret.statusCode()).isEqualTo(400);
        assertThat(json(noSecret).get("error_description").asText()).contains("client_secret");
    }

    @Test
    void accessTokensExpireByTheSandboxClock() {
        String token = client.accessToken(seller.refreshToken());
        String path = "/orders/2026-01-01/orders/402-0000000-0000000";
        assertThat(client.get(path, token).statusCode()).isEqualTo(404); // authenticated, order unknown

        clock.advance(Duration.ofSeconds(3599));
        assertThat(client.get(path, token).statusCode()).isEqualTo(404);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = client.get(path, token);
        assertThat(expired.statusCode()).isEqualTo(403);
        JsonNode error = json(expired).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("Unauthorized");
        assertThat(error.get("message").asText()).isEqualTo("Access to requested resource is denied.");
        assertThat(error.get("details").asText()).isEqualTo("The access token you provided has expired.");
        assertThat(expired.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(expired.headers().firstValue("x-amzn-RateLimit-Limit")).isEmpty();

        String renewed = client.accessToken(seller.refreshToken());
        assertThat(client.get(path, renewed).statusCode()).isEqualTo(404);
    }

    @Test
    void spApiCallsWithoutOrWithUnknownTokenAre403() {
        HttpResponse<String> none = client.get("/orders/2026-01-01/orders/402-0000000-0000000", null);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(json(none).get("errors").get(0).get("details").asText()).contains("missing");

        HttpResponse<String> unknown = client.get("/orders/2026-01-01/orders/402-0000000-0000000", "Atza|forged");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(json(unknown).get("errors").get(0).get("details").asText()).contains("not valid");
    }
}
