package com.marketplaceconnect.operations;

import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.Browser;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The log lines of a run: one summary line, every line of the run with its MDC, and no secret anywhere. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsLogTest extends IntegrationTest {
    private static final String CALLBACK = "/connect/amazon/callback";
    private static final String IN = "A21TJRUUN4KGV";

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().clear();
    }

    /** A seller connects Amazon through the consent page (OAuth), as in production. */
    private long connectThroughConsent(String spid) {
        SANDBOX.amazon().setRedirectUri(baseUrl() + CALLBACK);
        SANDBOX.amazon().setAppDraft(true);
        SANDBOX.amazon().addSeller(spid, "EU");
        Instant now = CLOCK.instant();
        SANDBOX.amazon().generateOrders(spid, IN, 120, now.minus(Duration.ofDays(10)), now.minus(Duration.ofMinutes(5)), spid.hashCode());
        Api.Response start = new Api(baseUrl()).post("/api/connect/amazon", Map.of("marketplace", "IN"));
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        Browser browser = new Browser();
        Browser.Page consent = browser.get(start.json().get("consentUrl").asText());
        Browser.Page end = browser.submit(consent, Map.of("selling_partner_id", spid, "decision", "authorize"));
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        return jdbc.queryForObject("select id from seller_account where external_account_id = ?", Long.class, spid);
    }

    private HttpResponse<String> syncWithCorrelationId(long accountId, String correlationId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/accounts/" + accountId + "/sync"))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .header(CorrelationIdFilter.HEADER, correlationId).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long awaitRun(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        long runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(
                jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        return runId;
    }

    private static List<String> lines(CapturedOutput output, String containing) {
        return output.getAll().lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void aRunLogsOneSummaryLineAndEveryLineOfTheRunCarriesItsIdsAndNoSecretIsLoggedAnywhere(CapturedOutput output) throws Exception {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        long accountId = connectThroughConsent(spid);
        String correlationId = "ops-log-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> accepted = syncWithCorrelationId(accountId, correlationId);
        assertThat(accepted.headers().firstValue(CorrelationIdFilter.HEADER)).hasValue(correlationId);
        long runId = awaitRun(accepted);
        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)).isEqualTo("SUCCEEDED");

        String mdc = "[correlationId=" + correlationId + " accountId=" + accountId + " marketplace=AMAZON syncRunId=" + runId + "]";
        List<String> summary = lines(output, "Sync run " + runId + " of AMAZON account " + accountId + " succeeded in ");
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0)).contains(mdc).containsPattern("succeeded in \\d+ ms: 2 pages, 2 API calls \\(0 throttled\\), "
                + "120 orders inserted, 0 updated");
        // Other lines of the same run, written by other classes on the run's thread, carry the same context
        // (the LWA token refresh, debug level in tests).
        assertThat(lines(output, "Refreshed the LWA access token of account " + accountId)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(mdc));

        // A failing run: the failure line carries the run's context as well.
        SANDBOX.faults().add(FaultRule.status("/orders/2026-01-01/orders", 503, -1));
        long failedRun = awaitRun(syncWithCorrelationId(accountId, correlationId + "-2"));
        assertThat(lines(output, "Sync run " + failedRun + " of AMAZON account " + accountId + " failed after "))
                .hasSize(1).allSatisfy(line -> assertThat(line)
                        .contains("[correlationId=" + correlationId + "-2 accountId=" + accountId + " marketplace=AMAZON syncRunId=" + failedRun + "]")
                        .contains("HTTP 503"));

        // Nothing the sandbox issued (LWA client secret, authorization codes, refresh and access tokens), nor the API key,
        // nor the operator password, appears in the log of all this.
        String log = output.getAll();
        assertThat(SANDBOX.amazon().issuedSecrets()).isNotEmpty();
        for (String secret : SANDBOX.amazon().issuedSecrets()) {
            assertThat(log).as("log output").doesNotContain(secret);
        }
        assertThat(log).doesNotContain(Api.KEY).doesNotContain(Operator.PASSWORD);
    }

    @Test
    void aRunStartedWithoutACorrelationIdGetsOne(CapturedOutput output) throws Exception {
        String spid = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        long accountId = connectThroughConsent(spid);
        Api.Response response = new Api(baseUrl()).post("/api/accounts/" + accountId + "/sync", Map.of());
        long runId = response.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(
                jdbc.queryForObject("select status from sync_run where id = ?", String.class, runId)));
        assertThat(lines(output, "Sync run " + runId + " of AMAZON account " + accountId + " succeeded"))
                .singleElement().satisfies(line -> assertThat(line)
                        .containsPattern("\\[correlationId=[0-9a-f]{16} accountId=" + accountId + " marketplace=AMAZON syncRunId=" + runId + "\\]"));
    }
}
