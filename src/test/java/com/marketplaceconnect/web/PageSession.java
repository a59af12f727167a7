package com.marketplaceconnect.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's session on the seller's page over plain HTTP: its cookies, and the CSRF token of the last page's form. */
final class PageSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrf;

    PageSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static PageSession signedIn(String baseUrl, String username, String password) {
        PageSession session = new PageSession(baseUrl);
        session.get("/app/login");
        HttpResponse<String> login = session.post("/app/login", Map.of("username", username, "password", password));
        if (login.statusCode() != 302 || !login.headers().firstValue("Location").orElse("").endsWith("/app/marketplaces")) {
            throw new AssertionError("Sign-in of " + username + " failed: " + login.statusCode() + " " + login.headers().map());
        }
        session.get("/app/marketplaces");
        return session;
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** A form post with the session's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.put("_csrf", csrf);
        }
        return postRaw(path, form, "text/html");
    }

    HttpResponse<String> postRaw(String path, Map<String, String> form, String accept) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String csrf() {
        return csrf;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
