package com.marketplaceconnect.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.FormCodec;
import com.marketplaceconnect.sandbox.http.Html;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Shopify's authorization code grant (shopify.dev, "Authorization code grant"): the consent page at
 * {@code /admin/oauth/authorize}, its "Install" form, the redirect to the app with {@code code, hmac, host, shop,
 * state, timestamp}, and the token endpoint {@code /admin/oauth/access_token} with the code grant ({@code expiring=1}
 * for an expiring offline token), the refresh grant and the token-exchange grant that migrates a non-expiring token.
 */
final class ShopifyOAuth {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
    private static final Pattern SCOPE = Pattern.compile("(unauthenticated_)?(read|write)_[a-z_]+");

    private final Clock clock;
    private final Supplier<ShopifySettings> settings;
    private final ShopifyAuth auth;
    private final Function<String, ShopifyShop> shops;

    ShopifyOAuth(Clock clock, Supplier<ShopifySettings> settings, ShopifyAuth auth, Function<String, ShopifyShop> shops) {
        this.clock = clock;
        this.settings = settings;
        this.auth = auth;
        this.shops = shops;
    }

    /** GET: the consent page ("Install app") whose form posts back here. */
    SandboxResponse consentPage(SandboxRequest request, String shop) {
        Map<String, String> p = single(request.query());
        SandboxResponse refusal = validateAuthorize(p);
        if (refusal != null) return refusal;
        ShopifyShop s = shops.apply(shop);
        String scopes = p.get("scope");
        StringBuilder items = new StringBuilder();
        for (String sc : scopes.split(",")) items.append("<li>").append(Html.escape(sc.trim())).append("</li>");
        String grantOptions = p.getOrDefault("grant_options[]", "");
        String body = "<h1>Install app</h1>\n<p>" + Html.escape(s.name()) + " (" + Html.escape(shop) + ")</p>\n"
                + "<p>The app <strong>" + Html.escape(p.get("client_id")) + "</strong> asks for:</p><ul>" + items + "</ul>\n"
                + "<form method=\"post\" action=\"/shopify/" + Html.escape(shop) + "/admin/oauth/authorize\">\n"
                + hidden("client_id", p.get("client_id")) + hidden("scope", scopes)
                + hidden("redirect_uri", p.get("redirect_uri")) + hidden("state", p.getOrDefault("state", ""))
                + hidden("grant_options[]", grantOptions)
                + "<button type=\"submit\" name=\"install\" value=\"install\">Install</button>\n</form>";
        return SandboxResponse.html(200, Html.page("Install app - " + s.name(), body));
    }

    /** POST of the consent form: a one-use code and the signed redirect to the app. */
    SandboxResponse install(SandboxRequest request, String shop) {
        Map<String, String> p = single(request.form());
        SandboxResponse refusal = validateAuthorize(p);
        if (refusal != null) return refusal;
        shops.apply(shop);
        boolean online = "per-user".equals(p.get("grant_options[]"));
        String code = auth.issueCode(shop, normaliseScopes(p.get("scope")) + (online ? "|per-user" : ""));
        Map<String, String> params = new TreeMap<>();
        params.put("code", code);
        params.put("host", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("admin.shopify.com/store/" + shop.substring(0, shop.indexOf('.'))).getBytes(StandardCharsets.UTF_8)));
        params.put("shop", shop);
        if (p.get("state") != null && !p.get("state").isEmpty()) params.put("state", p.get("state"));
        params.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        String hmac = hmacHex(queryString(params), settings.get().clientSecret());
        Map<String, String> withHmac = new LinkedHashMap<>();
        withHmac.put("code", params.get("code"));
        withHmac.put("hmac", hmac);
        withHmac.put("host", params.get("host"));
        withHmac.put("shop", shop);
        if (params.containsKey("state")) withHmac.put("state", params.get("state"));
        withHmac.put("timestamp", params.get("timestamp"));
        String redirect = p.get("redirect_uri");
        return SandboxResponse.redirect(redirect + (redirect.contains("?") ? "&" : "?") + queryString(withHmac));
    }

    private SandboxResponse validateAuthorize(Map<String, String> p) {
        String clientId = p.get("client_id");
        if (clientId == null || clientId.isBlank()) return oauthErrorPage("The client_id parameter is missing.");
        if (!clientId.equals(settings.get().clientId())) {
            return oauthErrorPage("Oauth error invalid_request: The client_id provided is invalid.");
        }
        String scope = p.get("scope");
        if (scope == null || scope.isBlank()) return oauthErrorPage("Oauth error invalid_scope: The scope parameter is missing.");
        for (String sc : scope.split(",")) {
            if (!SCOPE.matcher(sc.trim()).matches()) {
                return oauthErrorPage("Oauth error invalid_scope: The access scope is invalid: " + sc.trim());
            }
        }
        String redirect = p.get("redirect_uri");
        if (redirect == null || redirect.isBlank()) return oauthErrorPage("Oauth error invalid_request: The redirect_uri is missing.");
        try {
            URI uri = URI.create(redirect);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return oauthErrorPage("Oauth error invalid_request: The redirect_uri is not whitelisted.");
            }
        } catch (IllegalArgumentException e) {
            return oauthErrorPage("Oauth error invalid_request: The redirect_uri is not whitelisted.");
        }
        return null;
    }

    /** POST /admin/oauth/access_token, form or JSON body. */
    SandboxResponse accessToken(SandboxRequest request, String shop) {
        Map<String, String> p = params(request);
        if (p == null) return tokenError(400, "invalid_request", "The request body could not be parsed.");
        ShopifySettings s = settings.get();
        String clientId = p.get("client_id");
        String clientSecret = p.get("client_secret");
        if (blank(clientId) || blank(clientSecret)) return tokenError(400, "invalid_request", "client_id and client_secret are required.");
        if (!clientId.equals(s.clientId()) || !clientSecret.equals(s.clientSecret())) {
            return tokenError(400, "invalid_client", "Client authentication failed: unknown client or wrong secret.");
        }
        String grantType = p.get("grant_type");
        boolean expiring = "1".equals(p.get("expiring")) || "true".equals(p.get("expiring"));
        if (blank(grantType) || grantType.equals("authorization_code")) {
            if (blank(p.get("code"))) return tokenError(400, "invalid_request", "The code parameter is missing.");
            ShopifyAuth.Code code = auth.redeemCode(p.get("code"), shop);
            if (code == null) {
                return tokenError(400, "invalid_request", "The authorization code was not found or was already used");
            }
            auth.acquired(shop);
            String scope = code.scope();
            if (scope.endsWith("|per-user")) {
                // online tokens always expire with the user's session; no refresh token
                ShopifyAuth.Issued issued = auth.issue(shop, scope.substring(0, scope.length() - 9), true, null);
                return online(issued);
            }
            return tokens(auth.issue(shop, scope, expiring, null));
        }
        if (grantType.equals("refresh_token")) {
            if (blank(p.get("refresh_token"))) return tokenError(400, "invalid_request", "The refresh_token parameter is missing.");
            ShopifyAuth.Issued issued = auth.refresh(p.get("refresh_token"), shop);
            if (issued == null) return tokenError(400, "invalid_grant", "The refresh token is invalid, expired or revoked.");
            return tokens(issued);
        }
        if (grantType.equals(TOKEN_EXCHANGE)) {
            if (blank(p.get("subject_token"))) return tokenError(400, "invalid_request", "The subject_token parameter is missing.");
            if (!OFFLINE_TOKEN_TYPE.equals(p.get("subject_token_type"))) {
                return tokenError(400, "invalid_request", "subject_token_type must be " + OFFLINE_TOKEN_TYPE + " to migrate an offline access token.");
            }
            if (p.get("requested_token_type") != null && !OFFLINE_TOKEN_TYPE.equals(p.get("requested_token_type"))) {
                return tokenError(400, "invalid_request", "requested_token_type must be " + OFFLINE_TOKEN_TYPE + ".");
            }
            if (!expiring) return tokenError(400, "invalid_request", "expiring must be 1 to migrate to an expiring offline access token.");
            ShopifyAuth.Issued migrated = auth.migrate(p.get("subject_token"), shop);
            if (migrated == null) return tokenError(400, "invalid_subject_token", "The subject token is not a valid non-expiring offline access token of this shop.");
            return tokens(migrated);
        }
        return tokenError(400, "unsupported_grant_type", "The grant type " + grantType + " is not supported.");
    }

    private SandboxResponse tokens(ShopifyAuth.Issued issued) {
        ObjectNode body = ShopifyJson.MAPPER.createObjectNode();
        body.put("access_token", issued.accessToken());
        body.put("scope", issued.scope());
        if (issued.expiresIn() != null) {
            body.put("expires_in", issued.expiresIn());
            body.put("refresh_token", issued.refreshToken());
            body.put("refresh_token_expires_in", issued.refreshTokenExpiresIn());
        }
        return noStore(SandboxResponse.json(200, ShopifyJson.write(body)));
    }

    private SandboxResponse online(ShopifyAuth.Issued issued) {
        ObjectNode body = ShopifyJson.MAPPER.createObjectNode();
        body.put("access_token", issued.accessToken());
        body.put("scope", issued.scope());
        body.put("expires_in", issued.expiresIn());
        body.put("associated_user_scope", issued.scope());
        ObjectNode user = body.putObject("associated_user");
        user.put("id", 902541635L);
        user.put("first_name", "Sandbox");
        user.put("last_name", "Owner");
        user.put("email", "owner@example.com");
        user.put("email_verified", true);
        user.put("account_owner", true);
        user.put("locale", "en");
        user.put("collaborator", false);
        return noStore(SandboxResponse.json(200, ShopifyJson.write(body)));
    }

    /** Shopify's query-string HMAC: hex HMAC-SHA256 over the sorted {@code k=v} pairs (hmac left out). */
    static String hmacHex(String message, String secret) {
        return HexFormat.of().formatHex(hmac(message.getBytes(StandardCharsets.UTF_8), secret));
    }

    static byte[] hmac(byte[] message, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code k=v&k=v} in the map's order, URL-encoded like URLSearchParams with spaces as %20. */
    static String queryString(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) sb.append('&');
            sb.append(encode(k)).append('=').append(encode(v));
        });
        return sb.toString();
    }

    private static String encode(String s) {
        return FormCodec.encode(s).replace("+", "%20");
    }

    private static String normaliseScopes(String scope) {
        return String.join(",", java.util.Arrays.stream(scope.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }

    private static Map<String, String> params(SandboxRequest request) {
        String body = request.body() == null ? "" : request.body().trim();
        String type = request.header("content-type");
        Map<String, String> p = new LinkedHashMap<>();
        if (body.startsWith("{") || (type != null && type.contains("json"))) {
            try {
                JsonNode json = ShopifyJson.MAPPER.readTree(body);
                if (json == null || !json.isObject()) return null;
                json.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            } catch (java.io.IOException e) {
                return null;
            }
        } else {
            p.putAll(single(request.form()));
        }
        if (request.query() != null) single(request.query()).forEach(p::putIfAbsent);
        return p;
    }

    private static Map<String, String> single(Map<String, List<String>> multi) {
        Map<String, String> p = new LinkedHashMap<>();
        if (multi != null) multi.forEach((k, v) -> p.put(k, v.isEmpty() ? "" : String.join(",", v)));
        return p;
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value == null ? "" : value) + "\">\n";
    }

    private static SandboxResponse oauthErrorPage(String message) {
        return SandboxResponse.html(400, Html.page("Oauth error", "<h1>Oauth error</h1>\n<p>" + Html.escape(message) + "</p>"));
    }

    private static SandboxResponse tokenError(int status, String error, String description) {
        ObjectNode body = ShopifyJson.MAPPER.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return noStore(SandboxResponse.json(status, ShopifyJson.write(body)));
    }

    private static SandboxResponse noStore(SandboxResponse response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
