package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * WooCommerce's one-click key exchange (wc-auth): start (API or browser) → the store's authorize page → the store
 * POSTs the keys to the callback → the store sends the browser to the return page → the seller's returnUrl with
 * accountId and status (or error). Responses carry {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
@RestController
@Tag(name = "WooCommerce authorization", description = "Connect a WooCommerce store (one-click key exchange)")
public class WooCommerceConnectController {
    private static final Logger log = LoggerFactory.getLogger(WooCommerceConnectController.class);
    private final WooCommerceAccounts accounts;

    public WooCommerceConnectController(WooCommerceAccounts accounts) {
        this.accounts = accounts;
    }

    public record StartRequest(String storeUrl, String sellerReference, String returnUrl) {
    }

    public record AuthorizeResponse(String authorizeUrl, Instant expiresAt) {
    }

    @Operation(summary = "Start connecting WooCommerce: returns the store's authorization URL",
            description = "storeUrl: the store's address (https; public addresses only: 422 naming storeUrl otherwise). The URL "
                    + "opens the store's \"… would like to connect to your store\" page; Approve makes the store send read_write "
                    + "keys to this service. Its user_id is a one-time state that expires after woocommerce.state-ttl. "
                    + "returnUrl, if given, must lie under woocommerce.allowed-return-urls (400 otherwise).")
    @PostMapping(value = "/api/connect/woocommerce", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AuthorizeResponse> start(@RequestBody StartRequest request) {
        WooCommerceAccounts.Authorize a = accounts.start(request.storeUrl(), request.sellerReference(), request.returnUrl(), requestBaseUrl());
        return ResponseEntity.ok().headers(secured()).body(new AuthorizeResponse(a.authorizeUrl(), a.expiresAt()));
    }

    @Operation(summary = "Start connecting WooCommerce in the browser: redirects to the store's authorization page",
            description = "Same parameters as POST /api/connect/woocommerce, as query parameters.")
    @SecurityRequirements
    @GetMapping("/connect/woocommerce/start")
    ResponseEntity<Void> startInBrowser(@RequestParam(required = false) String storeUrl,
                                        @RequestParam(required = false) String sellerReference,
                                        @RequestParam(required = false) String returnUrl) {
        WooCommerceAccounts.Authorize a = accounts.start(storeUrl, sellerReference, returnUrl, requestBaseUrl());
        return ResponseEntity.status(HttpStatus.FOUND).headers(secured()).location(URI.create(a.authorizeUrl())).build();
    }

    @Operation(summary = "The store's POST of the new keys (public, guarded by the one-time state in user_id)",
            description = "WooCommerce's JSON {key_id, user_id, consumer_key, consumer_secret, key_permissions}. 200 once the "
                    + "keys work and the account is saved; anything else (400/422: unknown, used or expired state, keys that do "
                    + "not work) makes the store delete the key, and nothing is saved.")
    @SecurityRequirements
    @PostMapping(value = "/connect/woocommerce/callback", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> callback(@RequestBody(required = false) String body) {
        long id = accounts.callback(body);
        return ResponseEntity.ok().headers(secured()).body("{\"accountId\":" + id + "}");
    }

    @Operation(summary = "Where the store sends the seller's browser after Approve or Deny",
            description = "Redirects to the returnUrl given at the start with accountId and status=CONNECTED, or error and "
                    + "error_description; without a returnUrl, a plain page.")
    @SecurityRequirements
    @GetMapping(value = "/connect/woocommerce/return", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> returned(@RequestParam(required = false) String success,
                                    @RequestParam(name = "user_id", required = false) String userId) {
        WooCommerceAccounts.Returned r = accounts.returned(userId, "1".equals(success));
        if (r.returnUrl() != null) {
            UriComponentsBuilder target = UriComponentsBuilder.fromUriString(r.returnUrl());
            if (r.accountId() != null) {
                target.queryParam("accountId", r.accountId()).queryParam("status", "CONNECTED");
            } else {
                target.queryParam("error", "not_connected").queryParam("error_description", r.error());
            }
            return ResponseEntity.status(HttpStatus.FOUND).headers(secured()).location(target.encode().build().toUri()).build();
        }
        return r.accountId() != null
                ? page(200, "WooCommerce connected", "Your store is connected as account " + r.accountId() + ". You can close this window.")
                : page(400, "WooCommerce not connected", r.error());
    }

    private static ResponseEntity<String> page(int status, String title, String message) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head>\n<body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n<p>" + HtmlUtils.htmlEscape(message)
                + "</p></body></html>\n";
        return ResponseEntity.status(status).headers(secured()).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }

    private static HttpHeaders secured() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Referrer-Policy", "no-referrer");
        headers.setCacheControl("no-store");
        return headers;
    }

    private static String requestBaseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
