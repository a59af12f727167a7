package com.marketplaceconnect.amazon;

import com.marketplaceconnect.connectors.ReturnUrls;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.OAuthStates;
import com.marketplaceconnect.accounts.OAuthStates.PendingAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amazon's website authorization workflow (public app, Login with Amazon). Start: a one-time state and the consent
 * URL of the marketplace's Seller Central. Callback: the state is used up, the {@code spapi_oauth_code} exchanged
 * (authorization_code grant, the code lives 5 minutes) and the refresh token stored sealed on the account of that
 * selling partner and region, created or reconnected. Nothing here logs a state, a code or a token.
 */
@Service
public class AmazonAuthorization {
    private static final Logger log = LoggerFactory.getLogger(AmazonAuthorization.class);
    private static final Pattern SELLING_PARTNER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** What start needs, said the same way when both are missing and when region is not a region (e.g. IN). */
    private static final String MARKETPLACE_OR_REGION =
            "give a marketplace code as marketplace (IN, US, UK, DE …) or a region as region (NA, EU or FE)";
    /** Whose Seller Central shows the consent page when only a region is given (one consent covers the region). */
    private static final Map<String, AmazonMarketplace> REGION_CONSENT_MARKETPLACE =
            Map.of("NA", AmazonMarketplace.US, "EU", AmazonMarketplace.UK, "FE", AmazonMarketplace.JP);

    private final AmazonAuthorizationProperties properties;
    private final OAuthStates states;
    private final LwaTokens lwa;
    private final AccountRepository accounts;

    public AmazonAuthorization(AmazonAuthorizationProperties properties, OAuthStates states, LwaTokens lwa,
                               AccountRepository accounts) {
        this.properties = properties;
        this.states = states;
        this.lwa = lwa;
        this.accounts = accounts;
    }

    /** What the dashboard asks for; region or marketplace (or both, when they agree). */
    public record StartRequest(String region, String marketplace, String sellerReference, String returnUrl) {
    }

    public record Consent(String consentUrl, Instant expiresAt) {
    }

    /**
     * Validates the request, stores a new state and returns Seller Central's consent URL.
     * @param requestBaseUrl scheme, host and port the request came in on: a relative amazon.oauth.redirect-uri is
     *                       resolved against it
     */
    public Consent start(StartRequest request, String requestBaseUrl) {
        AmazonAuthorizationProperties.OAuth oauth = properties.oauth();
        if (blank(oauth.applicationId())) {
            throw new AmazonAppNotConfiguredException("amazon.oauth.application-id is not set: the app's id from Developer Central is needed to ask sellers for consent");
        }
        AmazonMarketplace consentMarketplace;
        String region;
        String marketplaceCode = null;
        if (!blank(request.marketplace())) {
            AmazonMarketplace m = AmazonMarketplace.byCode(request.marketplace()).orElseThrow(() -> new InvalidRequestException("marketplace",
                    "unknown Amazon marketplace code '" + request.marketplace() + "' (IN, US, UK, DE …)"));
            if (!blank(request.region()) && !AmazonAccounts.region(request.region()).equals(m.region())) {
                throw new InvalidRequestException("marketplace", "marketplace " + m.name() + " belongs to region " + m.region()
                        + ", not " + request.region().trim().toUpperCase(Locale.ROOT));
            }
            consentMarketplace = m;
            region = m.region();
            marketplaceCode = m.name();
        } else if (!blank(request.region())) {
            region = request.region().trim().toUpperCase(Locale.ROOT);
            if (!AmazonMarketplace.REGIONS.contains(region)) {
                throw new InvalidRequestException("region", MARKETPLACE_OR_REGION); // region=IN: the same message
            }
            consentMarketplace = REGION_CONSENT_MARKETPLACE.get(region);
        } else {
            throw new InvalidRequestException("region", MARKETPLACE_OR_REGION);
        }
        String sellerReference = blank(request.sellerReference()) ? null : request.sellerReference().trim();
        if (sellerReference != null && sellerReference.length() > 200) {
            throw new InvalidRequestException("sellerReference", "must be at most 200 characters");
        }
        String returnUrl = blank(request.returnUrl()) ? blankToNull(oauth.returnUrl()) : allowedReturnUrl(request.returnUrl().trim(), requestBaseUrl);
        String redirectUri = redirectUri(requestBaseUrl);

        OAuthStates.IssuedState issued = states.issue(new PendingAuthorization(AmazonConnector.MARKETPLACE, region, marketplaceCode,
                sellerReference, redirectUri, returnUrl), oauth.stateTtl());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("application_id", oauth.applicationId());
        query.put("state", issued.state());
        query.put("redirect_uri", redirectUri);
        if (oauth.draft()) {
            query.put("version", "beta"); // only while the app is a draft in Developer Central
        }
        String consentUrl = QueryStrings.append(properties.sellerCentralUrl(consentMarketplace) + "/apps/authorize/consent", query);
        log.info("Amazon authorization started: region {}, marketplace {}, seller reference {}, consent at {} (state expires {})",
                region, marketplaceCode == null ? "-" : marketplaceCode, sellerReference == null ? "-" : sellerReference,
                properties.sellerCentralUrl(consentMarketplace), issued.expiresAt());
        return new Consent(consentUrl, issued.expiresAt());
    }

    /** How a callback ended. {@code returnUrl} is null when the browser gets a plain page. */
    public sealed interface Outcome {
        String returnUrl();
    }

    public record Connected(long accountId, String sellingPartnerId, String region, String returnUrl) implements Outcome {
    }

    /** Not connected; {@code httpStatus} for the plain page, {@code error} and {@code message} for the return URL. */
    public record NotConnected(int httpStatus, String error, String message, String returnUrl) implements Outcome {
    }

    /** Amazon's redirect back: either {@code spapi_oauth_code} and {@code selling_partner_id}, or {@code error}. */
    public Outcome callback(String state, String sellingPartnerId, String code, String error, String errorDescription) {
        Optional<PendingAuthorization> consumed = states.consume(state);
        if (consumed.isEmpty() || !AmazonConnector.MARKETPLACE.equals(consumed.get().marketplace())) {
            log.warn("Amazon authorization callback refused: the state is unknown, expired or already used");
            return new NotConnected(400, "invalid_state", "This authorization request is unknown, expired or was already used. "
                    + "Nothing was saved: start connecting Amazon again from the dashboard.", null);
        }
        PendingAuthorization pending = consumed.get();
        String returnUrl = pending.returnUrl();
        if (!blank(error)) {
            String reason = "access_denied".equals(error)
                    ? "The seller denied the authorization in Seller Central. Amazon was not connected."
                    : "Amazon ended the authorization with '" + error + "'" + (blank(errorDescription) ? "" : ": " + errorDescription)
                    + ". Amazon was not connected.";
            log.info("Amazon authorization not granted (region {}, seller reference {}): {}", pending.region(),
                    pending.sellerReference() == null ? "-" : pending.sellerReference(), error);
            return new NotConnected(200, safeErrorCode(error), reason, returnUrl);
        }
        if (blank(code) || blank(sellingPartnerId) || !SELLING_PARTNER_ID.matcher(sellingPartnerId).matches()) {
            log.warn("Amazon authorization callback refused: spapi_oauth_code or a valid selling_partner_id is missing");
            return new NotConnected(400, "invalid_request", "Amazon's redirect lacks the authorization code or the selling partner id. "
                    + "Nothing was saved: connect Amazon again.", returnUrl);
        }
        // An Amazon account already connected for one seller of the aggregator is never moved to another by a state
        // issued for someone else (the browser start is public): that seller must disconnect it first.
        var existing = accounts.findByExternalId(AmazonConnector.MARKETPLACE, pending.region(), sellingPartnerId);
        if (existing.isPresent() && existing.get().sellerReference() != null
                && !existing.get().sellerReference().equals(pending.sellerReference())) {
            log.warn("Amazon authorization callback refused: selling partner {} is connected as account {} for another seller",
                    sellingPartnerId, existing.get().id());
            return new NotConnected(409, "account_in_use", "This Amazon seller account is already connected to another seller. "
                    + "Nothing was saved: it has to be disconnected there first.", returnUrl);
        }
        LwaTokens.TokenResponse tokens;
        try {
            tokens = lwa.exchangeAuthorizationCode(code, pending.redirectUri());
        } catch (LwaException e) {
            if (e.clientSecretNeedsRotation()) {
                // LwaTokens already logged it and keeps it for the amazonApp health indicator.
                return new NotConnected(503, e.error(), e.getMessage(), returnUrl);
            }
            log.warn("Amazon authorization of selling partner {} failed: Login with Amazon refused the code ({})", sellingPartnerId, e.error());
            String message = "invalid_grant".equals(e.error())
                    ? "Amazon refused the authorization code: it expired (a code lives 5 minutes) or was already used. "
                    + "Nothing was saved: connect Amazon again."
                    : e.getMessage() + " Nothing was saved: connect Amazon again.";
            return new NotConnected(400, e.error(), message, returnUrl);
        } catch (IOException e) {
            log.warn("Amazon authorization of selling partner {} failed: {}", sellingPartnerId, e.getMessage());
            return new NotConnected(502, "temporarily_unavailable", "Login with Amazon could not be reached. Nothing was saved: "
                    + "connect Amazon again in a moment.", returnUrl);
        }
        if (blank(tokens.refreshToken())) {
            log.warn("Amazon authorization of selling partner {} failed: LWA answered without a refresh token", sellingPartnerId);
            return new NotConnected(502, "server_error", "Login with Amazon answered without a refresh token. Nothing was saved: "
                    + "connect Amazon again.", returnUrl);
        }
        Map<String, String> marketplaceIds = pending.marketplaceCode() == null ? Map.of()
                : AmazonAccounts.marketplaces(pending.region(), List.of(pending.marketplaceCode()));
        long accountId = accounts.connect(AmazonConnector.MARKETPLACE, pending.region(), sellingPartnerId, pending.sellerReference(),
                Map.of("refreshToken", tokens.refreshToken()), marketplaceIds);
        lwa.evict(accountId);
        log.info("Amazon selling partner {} ({}) connected as account {} through the website authorization workflow",
                sellingPartnerId, pending.region(), accountId);
        return new Connected(accountId, sellingPartnerId, pending.region(), returnUrl);
    }

    /** Where the browser goes at the end: the return URL with the outcome in its query. */
    public static String redirectTarget(Outcome outcome) {
        Map<String, String> params = new LinkedHashMap<>();
        if (outcome instanceof Connected c) {
            params.put("accountId", String.valueOf(c.accountId()));
            params.put("status", "CONNECTED");
        } else if (outcome instanceof NotConnected n) {
            params.put("error", n.error());
            params.put("error_description", n.message());
        }
        return QueryStrings.append(outcome.returnUrl(), params);
    }

    private String redirectUri(String requestBaseUrl) {
        String configured = blank(properties.oauth().redirectUri()) ? "/connect/amazon/callback" : properties.oauth().redirectUri().trim();
        if (configured.startsWith("/")) {
            // Relative: the callback of this very service as the caller reached it (tests, local runs). Production
            // sets the absolute https URL registered in Developer Central.
            String base = requestBaseUrl.endsWith("/") ? requestBaseUrl.substring(0, requestBaseUrl.length() - 1) : requestBaseUrl;
            return base + configured;
        }
        return configured;
    }

    /**
     * The caller's return URL, when it lies under one of amazon.oauth.allowed-return-urls or is a page of this very
     * service as the browser reached it (the seller's page, /app/…): no open redirect.
     */
    private String allowedReturnUrl(String returnUrl, String requestBaseUrl) {
        if (ReturnUrls.allowed(returnUrl, properties.oauth().allowedReturnUrls(), requestBaseUrl)) {
            return returnUrl;
        }
        throw new InvalidRequestException("returnUrl", "must be an http(s) URL under one of amazon.oauth.allowed-return-urls, or a page of this service's /app/");
    }

    /** Amazon's error codes are short words; anything else is not echoed into a URL. */
    private static String safeErrorCode(String error) {
        return error.matches("[A-Za-z0-9_.\\-]{1,64}") ? error : "authorization_error";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
