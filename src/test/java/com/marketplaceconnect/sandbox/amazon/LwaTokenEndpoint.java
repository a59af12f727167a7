package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /auth/o2/token}: the refresh_token and authorization_code grants with LWA's OAuth2-style errors.
 * Accepts form bodies (the documented encoding) and JSON bodies (what Amazon's own SDK sends).
 */
final class LwaTokenEndpoint {

    private final LwaService lwa;

    LwaTokenEndpoint(LwaService lwa) {
        this.lwa = lwa;
    }

    SandboxResponse handle(SandboxRequest request) {
        Map<String, String> params = params(request);
        if (params == null) return error(400, "invalid_request", "The request has a malformed body");
        String grantType = params.get("grant_type");
        if (blank(grantType)) return missing("grant_type");
        if (!grantType.equals("refresh_token") && !grantType.equals("authorization_code")) {
            return error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (blank(params.get("client_id"))) return missing("client_id");
        if (blank(params.get("client_secret"))) return missing("client_secret");
        if (!lwa.clientMatches(params.get("client_id"), params.get("client_secret"))) {
            return error(401, "invalid_client", "Client authentication failed");
        }
        return grantType.equals("refresh_token") ? refreshGrant(params) : codeGrant(params);
    }

    private SandboxResponse refreshGrant(Map<String, String> params) {
        String refreshToken = params.get("refresh_token");
        if (blank(refreshToken)) return missing("refresh_token");
        String seller = lwa.sellerForRefreshToken(refreshToken);
        if (seller == null) return error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        return tokens(lwa.issueAccessToken(seller), refreshToken);
    }

    private SandboxResponse codeGrant(Map<String, String> params) {
        String code = params.get("code");
        if (blank(code)) return missing("code");
        String redirectUri = params.get("redirect_uri");
        if (blank(redirectUri)) return missing("redirect_uri");
        String seller = lwa.redeemAuthorizationCode(code, redirectUri);
        if (seller == null) return error(400, "invalid_grant", "The request has an invalid grant parameter : code");
        return tokens(lwa.issueAccessToken(seller), lwa.issueRefreshToken(seller));
    }

    private SandboxResponse tokens(String accessToken, String refreshToken) {
        ObjectNode body = SpApiResponses.JSON.createObjectNode();
        body.put("access_token", accessToken);
        body.put("refresh_token", refreshToken);
        body.put("token_type", "bearer");
        body.put("expires_in", lwa.accessTokenLifetime().toSeconds());
        return noStore(SandboxResponse.json(200, SpApiResponses.write(body)));
    }

    private static SandboxResponse missing(String field) {
        return error(400, "invalid_request", "The request is missing a required parameter : " + field);
    }

    private static SandboxResponse error(int status, String error, String description) {
        ObjectNode body = SpApiResponses.JSON.createObjectNode();
        body.put("error_description", description);
        body.put("error", error);
        return noStore(SandboxResponse.json(status, SpApiResponses.write(body)));
    }

    private static SandboxResponse noStore(SandboxResponse response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    /** Form or JSON parameters, first value each; null when a JSON body does not parse. */
    private static Map<String, String> params(SandboxRequest request) {
        String contentType = request.header("content-type");
        Map<String, String> result = new HashMap<>();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode node = SpApiResponses.JSON.readTree(request.body());
                if (node == null || !node.isObject()) return null;
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode()) result.put(e.getKey(), e.getValue().asText());
                });
            } catch (Exception e) {
                return null;
            }
            return result;
        }
        for (Map.Entry<String, List<String>> e : request.form().entrySet()) {
            if (!e.getValue().isEmpty()) result.put(e.getKey(), e.getValue().get(0));
        }
        return result;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
