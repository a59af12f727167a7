package com.marketplaceconnect.shopify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * HTTP face of Shopify's authorization code grant (ShopifyAuthorization). Public: each request is guarded by Shopify's
 * HMAC and the one-time state. Every answer carries {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
@RestController
@Tag(name = "Shopify authorization", description = "Connect a Shopify shop (OAuth authorization code grant, expiring offline tokens)")
public class ShopifyConnectController {
    private final ShopifyAuthorization authorization;

    public ShopifyConnectController(ShopifyAuthorization authorization) {
        this.authorization = authorization;
    }

    @Operation(summary = "Shopify's install request (the app URL): checks the HMAC, shop and timestamp, then redirects to the authorize page")
    @SecurityRequirements
    @GetMapping("/connect/shopify")
    ResponseEntity<Void> install(@RequestParam Map<String, String> query) {
        String target = authorization.install(query, requestBaseUrl());
        return ResponseEntity.status(HttpStatus.FOUND).headers(secured()).location(URI.create(target)).build();
    }

    @Operation(summary = "Start connecting a Shopify shop from the seller's page: redirects to the shop's authorize page")
    @SecurityRequirements
    @GetMapping("/connect/shopify/start")
    ResponseEntity<Void> start(@RequestParam(required = false) String shop,
                               @RequestParam(required = false) String sellerReference,
                               @RequestParam(required = false) String returnUrl) {
        String target = authorization.start(shop, sellerReference, returnUrl, requestBaseUrl());
        return ResponseEntity.status(HttpStatus.FOUND).headers(secured()).location(URI.create(target)).build();
    }

    @Operation(summary = "Shopify's redirect back (code, hmac, host, shop, state, timestamp)",
            description = "Refused with 400 and nothing saved on a bad hmac, a shop that is not a myshopify.com domain, a stale "
                    + "timestamp, or an unknown, expired or used state. Else connects (or reconnects) the shop's account and "
                    + "redirects to the return URL with accountId and status, or shows a plain page.")
    @SecurityRequirements
    @GetMapping(value = "/connect/shopify/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(@RequestParam Map<String, String> query) {
        ShopifyAuthorization.Outcome outcome = authorization.callback(query, requestBaseUrl());
        if (outcome.returnUrl() != null) {
            return ResponseEntity.status(HttpStatus.FOUND).headers(secured())
                    .location(URI.create(ShopifyAuthorization.redirectTarget(outcome))).build();
        }
        if (outcome instanceof ShopifyAuthorization.Connected c) {
            return page(200, "Shopify connected", "Your shop " + c.shop() + " is connected as account " + c.accountId()
                    + ". You can close this window.");
        }
        ShopifyAuthorization.NotConnected n = (ShopifyAuthorization.NotConnected) outcome;
        return page(n.httpStatus(), "Shopify not connected", n.message());
    }

    private static ResponseEntity<String> page(int status, String title, String message) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head>\n<body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n<p>" + HtmlUtils.htmlEscape(message)
                + "</p></body></html>\n";
        return ResponseEntity.status(status).headers(secured())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
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
