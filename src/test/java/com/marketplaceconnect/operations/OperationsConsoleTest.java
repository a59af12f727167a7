package com.marketplaceconnect.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio and Jolokia behind the operator login, against the real Camel MBeans. The one test class with its own
 * context: Camel JMX is on here (@DisableJmx(false)); every other integration test shares the JMX-less one.
 */
@DisableJmx(false)
@TestPropertySource(properties = "camel.main.jmx-enabled=true")   // also a context of its own: the shared one has no JMX
class OperationsConsoleTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTES = "/actuator/jolokia/search/org.apache.camel:type=routes,*";

    @Autowired
    CamelContext camel;

    private Operator operator() {
        return new Operator(baseUrl());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void withoutTheOperatorLoginTheConsoleAndJolokiaRefuse() {
        Operator op = operator();
        // A script: 401 and a Basic challenge, nothing of the console or the MBeans.
        for (String path : List.of("/actuator/hawtio/", "/actuator/jolokia", ROUTES, "/actuator/jolokia/list",
                "/actuator/prometheus", "/actuator/metrics")) {
            HttpResponse<String> anonymous = op.getAnonymously(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("amazon-sync-account").doesNotContain("<html");
        }
        // Wrong password, and a valid admin API key, are no operator login either.
        HttpResponse<String> wrong = Operator.send(op.request(ROUTES).header("Authorization", Operator.basic("operator", "guess")).GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> apiKey = Operator.send(op.request(ROUTES).header("Authorization", "Bearer test-api-key").GET());
        assertThat(apiKey.statusCode()).isEqualTo(401);
        // A browser is sent to the login form.
        HttpResponse<String> browser = Operator.send(op.request("/actuator/hawtio/").header("Accept", "text/html").GET());
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        // A Jolokia write without the login changes nothing.
        HttpResponse<String> post = Operator.send(op.request("/actuator/jolokia").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(exec("store-orders", "stop"))));
        assertThat(post.statusCode()).isIn(401, 403);
        assertThat(camel.getRouteController().getRouteStatus("store-orders").isStarted()).isTrue();
    }

    @Test
    void withTheLoginJolokiaListsTheCamelRoutesAndHawtioServesTheConsole() throws Exception {
        Operator op = operator();
        JsonNode search = json(op.get(ROUTES));
        List<String> mbeans = new ArrayList<>();
        search.get("value").forEach(n -> mbeans.add(n.asText()));
        assertThat(mbeans).anySatisfy(n -> assertThat(n).contains("name=\"amazon-sync-account\""));
        assertThat(mbeans).anySatisfy(n -> assertThat(n).contains("name=\"store-orders\""));

        JsonNode read = json(op.get("/actuator/jolokia/read/org.apache.camel:context=*,type=routes,name=*/RouteId,State"));
        List<String> routeIds = new ArrayList<>();
        read.get("value").forEach(route -> {
            routeIds.add(route.get("RouteId").asText());
            assertThat(route.get("State").asText()).isEqualTo("Started");
        });
        assertThat(routeIds).containsAll(camel.getRoutes().stream().map(org.apache.camel.Route::getRouteId).toList());

        HttpResponse<String> console = op.get("/actuator/hawtio/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");
    }

    @Test
    void theConsoleStopsAndStartsARouteThroughJolokiaWithItsCsrfToken() throws Exception {
        Operator op = operator();
        // The console's way: a session from the login, the XSRF-TOKEN cookie echoed in the X-XSRF-TOKEN header.
        HttpResponse<String> page = op.get("/actuator/hawtio/");
        List<String> cookies = new ArrayList<>();
        String xsrf = null;
        for (String header : page.headers().allValues("Set-Cookie")) {
            HttpCookie cookie = HttpCookie.parse(header).get(0);
            cookies.add(cookie.getName() + "=" + cookie.getValue());
            if (cookie.getName().equals("XSRF-TOKEN")) {
                xsrf = cookie.getValue();
            }
        }
        assertThat(xsrf).as("XSRF-TOKEN cookie").isNotBlank();
        String cookieHeader = String.join("; ", cookies);

        // Without the token, a logged-in POST is refused.
        HttpResponse<String> noToken = Operator.send(op.request("/actuator/jolokia").header("Cookie", cookieHeader)
                .header("Authorization", Operator.basic(Operator.USER, Operator.PASSWORD))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(exec("store-orders", "stop"))));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus("store-orders").isStarted()).isTrue();

        try {
            JsonNode stopped = post(op, cookieHeader, xsrf, exec("store-orders", "stop"));
            assertThat(stopped.get("status").asInt()).as(stopped.toString()).isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus("store-orders").isStopped()).isTrue();
        } finally {
            JsonNode started = post(op, cookieHeader, xsrf, exec("store-orders", "start"));
            assertThat(started.get("status").asInt()).as(started.toString()).isEqualTo(200);
        }
        assertThat(camel.getRouteController().getRouteStatus("store-orders").isStarted()).isTrue();
    }

    private JsonNode post(Operator op, String cookies, String xsrf, String body) throws Exception {
        return json(Operator.send(op.request("/actuator/jolokia").header("Cookie", cookies).header("X-XSRF-TOKEN", xsrf)
                .header("Authorization", Operator.basic(Operator.USER, Operator.PASSWORD))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    private String exec(String routeId, String operation) {
        return "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=" + camel.getManagementName()
                + ",type=routes,name=\\\"" + routeId + "\\\"\",\"operation\":\"" + operation + "()\"}";
    }
}
