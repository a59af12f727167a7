package com.marketplaceconnect.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operator's side of the service: actuator, Jolokia and Hawtio calls, with or without the operator login. */
final class Operator {
    static final String USER = "operator";
    /** test.properties' operations.password. */
    static final String PASSWORD = "test-operator-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    Operator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).header("Authorization", basic(USER, PASSWORD)).GET());
    }

    HttpResponse<String> getAnonymously(String path) {
        return send(request(path).GET());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of one Prometheus sample whose name and labels match, or 0 when there is none (yet). */
    double sample(String name, String... labels) {
        HttpResponse<String> response = get("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + response.statusCode());
        }
        return sampleIn(response.body(), name, labels);
    }

    static double sampleIn(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= m.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
