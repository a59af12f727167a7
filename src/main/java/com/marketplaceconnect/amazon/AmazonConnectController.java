package com.marketplaceconnect.amazon;

import com.marketplaceconnect.amazon.AmazonAuthorization.Connected;
import com.marketplaceconnect.amazon.AmazonAuthorization.NotConnected;
import com.marketplaceconnect.amazon.AmazonAuthorization.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.net.URI;
import java.time.Instant;

/**
 * HTTP face of Amazon's website authorization workflow; the logic is in {@link AmazonAuthorization}. Every response
 * carries {@code Referrer-Policy: no-referrer} (the consent and callback URLs hold the state and the code) and
 * {@code Cache-Control: no-store}.
 */
@RestController
@Tag(name = "Amazon authorization", description = "Connect an Amazon seller account (website authorization workflow)")
public class AmazonConnectController {
    private final AmazonAuthorization authorization;

    public AmazonConnectController(AmazonAuthorization authorization) {
        this.authorization = authorization;
    }

    public record ConsentResponse(String consentUrl, Instant expiresAt) {
    }

    @Operation(summary = "Start connecting Amazon: returns the Seller Central consent URL",
            description = "Give a marketplace code (IN, US, UK …; it is enabled on connect) or a region (NA, EU, FE). "
                    + "The URL holds a one-time state that expires after amazon.oauth.state-ttl. returnUrl, if given, "
                    + "must lie under amazon.oauth.allowed-return-urls.")
    @PostMapping(value = "/api/connect/amazon", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsentResponse> start(@RequestBody AmazonAuthorization.StartRequest request) {
        AmazonAuthorization.Consent consent = authorization.start(request, requestBaseUrl());
        return ResponseEntity.ok().headers(secured()).body(new ConsentResponse(consent.consentUrl(), consent.expiresAt()));
    }

    @Operation(summary = "Start connecting Amazon in the browser: redirects to the Seller Central consent page",
            description = "Same parameters as POST /api/connect/amazon, as query parameters.")
    @SecurityRequirements
    @GetMapping("/connect/amazon/start")
    ResponseEntity<Void> startInBrowser(@RequestParam(required = false) String region,
                                        @RequestParam(required = false) String marketplace,
                                        @RequestParam(required = false) String sellerReference,
                                        @RequestParam(required = false) String returnUrl) {
        AmazonAuthorization.Consent consent = authorization.start(
                new AmazonAuthorization.StartRequest(region, marketplace, sellerReference, returnUrl), requestBaseUrl());
        return ResponseEntity.status(HttpStatus.FOUND).headers(secured()).location(URI.create(consent.consentUrl())).build();
    }

    @Operation(summary = "Amazon's redirect back after the consent page (public, guarded by the one-time state)",
            description = "Exchanges spapi_oauth_code and connects (or reconnects) the account of the selling partner and "
                    + "region, then redirects to the return URL with accountId and status, or shows a plain page. "
                    + "An unknown, expired or used state is refused with 400 and nothing is saved.")
    @SecurityRequirements
    @GetMapping(value = "/connect/amazon/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(@RequestParam(required = false) String state,
                                    @Parameter(name = "selling_partner_id") @RequestParam(name = "selling_partner_id", required = false) String sellingPartnerId,
                                    @Parameter(name = "spapi_oauth_code") @RequestParam(name = "spapi_oauth_code", required = false) String code,
                                    @Parameter(name = "mws_auth_token", description = "Hybrid MWS apps only; ignored")
                                    @RequestParam(name = "mws_auth_token", required = false) String mwsAuthToken,
                                    @RequestParam(required = false) String error,
                                    @Parameter(name = "error_description") @RequestParam(name = "error_description", required = false) String errorDescription) {
        Outcome outcome = authorization.callback(state, sellingPartnerId, code, error, errorDescription);
        if (outcome.returnUrl() != null) {
            return ResponseEntity.status(HttpStatus.FOUND).headers(secured())
                    .location(URI.create(AmazonAuthorization.redirectTarget(outcome))).build();
        }
        if (outcome instanceof Connected c) {
            return page(200, "Amazon connected", "Your Amazon seller account " + c.sellingPartnerId() + " (" + c.region()
                    + ") is connected as account " + c.accountId() + ". You can close this window.");
        }
        NotConnected n = (NotConnected) outcome;
        return page(n.httpStatus(), "Amazon not connected", n.message());
    }

    private static ResponseEntity<String> page(int status, String title, String message) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head>\n<body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n<p>" + HtmlUtils.htmlEscape(message)
                + "</p></body></html>\n";
        return ResponseEntity.status(status).headers(secured()).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
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
