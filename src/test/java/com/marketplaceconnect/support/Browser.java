package com.marketplaceconnect.support;

import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A seller's browser, as far as OAuth needs one: follows redirects within this machine (the service and the sandbox)
 * and stops at the first redirect elsewhere (the dashboard), so a test sees where the browser would go.
 * Remembers every URL it visited, and submits HTML forms like a browser does.
 */
public final class Browser {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<URI> visited = new ArrayList<>();

    /** The last response; {@code location()} is set when it is a redirect the browser did not follow. */
    public record Page(URI uri, int status, String body, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String location() {
            return header("Location");
        }

        /** The hidden fields of the page's form. */
        public Map<String, String> hiddenFields() {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = HIDDEN.matcher(body);
            while (m.find()) {
                fields.put(m.group(1), HtmlUtils.htmlUnescape(m.group(2)));
            }
            return fields;
        }

        public URI formAction() {
            Matcher m = ACTION.matcher(body);
            if (!m.find()) {
                throw new AssertionError("No form on " + uri + ": " + body);
            }
            return uri.resolve(HtmlUtils.htmlUnescape(m.group(1)));
        }
    }

    public List<URI> visited() {
        return List.copyOf(visited);
    }

    public Page get(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Submits the page's form with its hidden fields plus {@code fields} (the button pressed, a selection). */
    public Page submit(Page page, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(page.hiddenFields());
        form.putAll(fields);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(page.formAction()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Sends the request and follows redirects to this machine; a redirect elsewhere is returned, not followed. */
    private Page follow(HttpRequest request) {
        HttpRequest next = request;
        for (int hop = 0; hop < 10; hop++) {
            visited.add(next.uri());
            HttpResponse<String> response = send(next);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(next.uri(), response.statusCode(), response.body(), response.headers());
            }
            URI target = next.uri().resolve(location);
            if (!"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
                return new Page(next.uri(), response.statusCode(), response.body(), response.headers());
            }
            next = HttpRequest.newBuilder(target).GET().build();
        }
        throw new AssertionError("Too many redirects from " + request.uri());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
