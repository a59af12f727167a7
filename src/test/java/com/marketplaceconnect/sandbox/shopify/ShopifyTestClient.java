package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.http.FormCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP against the Shopify sandbox, the way an app would call Shopify (tests of the sandbox itself). */
final class ShopifyTestClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "2026-10";
    static final String SCOPES = "read_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders";

    private final MarketplaceSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ShopifyTestClient(MarketplaceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    String shopUrl(String shop) {
        return sandbox.shopify().shopBaseUrl(shop);
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    HttpResponse<String> postForm(String url, Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(FormCodec.encode(k)).append('=').append(FormCodec.encode(v)));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build());
    }

    HttpResponse<String> postJson(String url, String body, String accessToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) b.header("X-Shopify-Access-Token", accessToken);
        return send(b.build());
    }

    /** Shows the consent page, submits its form as a browser would, and returns the redirect's query parameters. */
    Map<String, String> install(String shop, String scopes, String redirectUri, String state) {
        HttpResponse<String> page = get(sandbox.shopify().authorizeUrl(shop, scopes, redirectUri, state));
        if (page.statusCode() != 200) throw new AssertionError("consent page: " + page.statusCode() + " " + page.body());
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (m.find()) form.put(unescape(m.group(1)), unescape(m.group(2)));
        form.put("install", "install");
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">").matcher(page.body());
        if (!action.find()) throw new AssertionError("no form on the consent page");
        HttpResponse<String> redirect = postForm(sandbox.baseUrl() + unescape(action.group(1)), form);
        if (redirect.statusCode() != 302) throw new AssertionError("install: " + redirect.statusCode() + " " + redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(redirectUri)) throw new AssertionError("redirected elsewhere: " + location);
        Map<String, String> params = new LinkedHashMap<>();
        FormCodec.decode(URI.create(location).getRawQuery()).forEach((k, v) -> params.put(k, v.get(0)));
        return params;
    }

    HttpResponse<String> token(String shop, Map<String, String> body) {
        ObjectNode json = JSON.createObjectNode();
        body.forEach(json::put);
        return postJson(shopUrl(shop) + "/admin/oauth/access_token", json.toString(), null);
    }

    /** Installs and exchanges the code for an expiring offline token; returns the token answer. */
    JsonNode connect(String shop) {
        Map<String, String> redirect = install(shop, SCOPES, "https://app.example.com/callback", "nonce-1");
        HttpResponse<String> r = token(shop, Map.of("client_id", ShopifySettings.DEFAULT_CLIENT_ID,
                "client_secret", ShopifySettings.DEFAULT_CLIENT_SECRET, "code", redirect.get("code"), "expiring", "1"));
        if (r.statusCode() != 200) throw new AssertionError("token: " + r.statusCode() + " " + r.body());
        return json(r);
    }

    String accessToken(String shop) {
        return connect(shop).get("access_token").asText();
    }

    HttpResponse<String> graphqlRaw(String shop, String token, String query, Map<String, Object> variables) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        if (variables != null) body.set("variables", JSON.valueToTree(variables));
        return postJson(shopUrl(shop) + "/admin/api/" + VERSION + "/graphql.json", body.toString(), token);
    }

    JsonNode graphql(String shop, String token, String query, Map<String, Object> variables) {
        HttpResponse<String> r = graphqlRaw(shop, token, query, variables);
        if (r.statusCode() != 200) throw new AssertionError("graphql: " + r.statusCode() + " " + r.body());
        return json(r);
    }

    JsonNode graphql(String shop, String token, String query) {
        return graphql(shop, token, query, null);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> vars(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static List<String> list(String... s) {
        return List.of(s);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
