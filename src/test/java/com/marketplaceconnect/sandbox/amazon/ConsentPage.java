package com.marketplaceconnect.sandbox.amazon;

import com.marketplaceconnect.sandbox.http.FormCodec;
import com.marketplaceconnect.sandbox.http.Html;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seller Central's website authorization workflow: {@code GET /apps/authorize/consent} shows the consent page,
 * {@code POST /apps/authorize/confirm} redirects back to the app with {@code spapi_oauth_code} or an error.
 * <p>
 * Where Seller Central knows who signed in, the sandbox lets the user choose the selling account: one of the
 * registered sellers, or "New sandbox seller" (value {@code new-sandbox-seller}), which registers a new selling partner with
 * generated orders in the marketplace chosen beside it ({@code new_seller_marketplace}, default IN) and authorizes
 * it. Without a {@code selling_partner_id} hint the new seller is the preselected choice.
 */
final class ConsentPage {

    /** The "New sandbox seller" choice: never a selling partner id, which has only letters and digits. */
    static final String NEW_SELLER = AmazonSandbox.NEW_SELLER_CHOICE;
    static final String NEW_SELLER_MARKETPLACE = AmazonSandbox.NEW_SELLER_MARKETPLACE_FIELD;
    static final String DEFAULT_NEW_SELLER_MARKETPLACE = "IN";

    /** What the page needs to know about the registered app and the sellers who can sign in. */
    interface App {
        String applicationId();

        String applicationName();

        boolean draft();

        String redirectUri();

        List<String> sellingPartnerIds();

        /** Registers a new seller with generated orders in the marketplace (a code); returns its selling partner id. */
        String createSeller(String marketplaceCode);
    }

    private final App app;
    private final LwaService lwa;

    ConsentPage(App app, LwaService lwa) {
        this.app = app;
        this.lwa = lwa;
    }

    SandboxResponse show(SandboxRequest request) {
        String applicationId = request.queryParam("application_id");
        if (applicationId == null || !applicationId.equals(app.applicationId())) {
            return errorPage(400, "Unknown application", "The application_id is missing or does not identify a registered application.");
        }
        if (app.draft() && !"beta".equals(request.queryParam("version"))) {
            return errorPage(400, "Application not available",
                    "This application is not published. Draft applications can only be authorized with version=beta.");
        }
        String state = request.queryParam("state");
        if (state == null || state.isEmpty()) {
            return errorPage(400, "Missing state", "The state parameter is required.");
        }
        String redirectUri = effectiveRedirectUri(request.queryParam("redirect_uri"));
        if (redirectUri == null) {
            return errorPage(400, "Invalid redirect URI", "The redirect_uri is not an OAuth redirect URI registered for this application.");
        }
        String preselected = request.queryParam("selling_partner_id");
        List<String> sellers = app.sellingPartnerIds();
        StringBuilder options = new StringBuilder();
        options.append("<option value=\"").append(NEW_SELLER).append('"').append(sellers.contains(preselected) ? "" : " selected")
                .append(">New sandbox seller (a new selling partner with generated orders)</option>\n");
        for (String id : sellers) {
            options.append("<option value=\"").append(Html.escape(id)).append('"')
                    .append(id.equals(preselected) ? " selected" : "").append('>').append(Html.escape(id)).append("</option>\n");
        }
        StringBuilder marketplaces = new StringBuilder();
        for (Marketplace m : Marketplace.all()) {
            marketplaces.append("<option value=\"").append(m.code()).append('"')
                    .append(m.code().equals(DEFAULT_NEW_SELLER_MARKETPLACE) ? " selected" : "").append('>')
                    .append(Html.escape(m.name())).append(" (").append(m.code()).append(", region ").append(m.region())
                    .append(")</option>\n");
        }
        String name = app.applicationName();
        String body = "<h1>Authorize " + Html.escape(name) + " to access your Amazon seller account</h1>\n"
                + "<p>" + Html.escape(name) + " is requesting access to your selling account data (orders, shipments).</p>\n"
                + "<form method=\"post\" action=\"/apps/authorize/confirm\">\n"
                + hidden("application_id", applicationId) + hidden("state", state) + hidden("redirect_uri", redirectUri)
                + "<label for=\"selling_partner_id\">Selling account</label>\n"
                + "<select id=\"selling_partner_id\" name=\"selling_partner_id\">\n" + options + "</select>\n"
                + "<label for=\"" + NEW_SELLER_MARKETPLACE + "\">A new sandbox seller's orders are in</label>\n"
                + "<select id=\"" + NEW_SELLER_MARKETPLACE + "\" name=\"" + NEW_SELLER_MARKETPLACE + "\">\n" + marketplaces + "</select>\n"
                + "<button type=\"submit\" name=\"decision\" value=\"authorize\">Authorize</button>\n"
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
                + "</form>";
        return secured(SandboxResponse.html(200, Html.page("Authorize " + name, body)));
    }

    SandboxResponse confirm(SandboxRequest request) {
        Map<String, List<String>> form = request.form();
        String applicationId = first(form, "application_id");
        if (applicationId != null && !applicationId.equals(app.applicationId())) {
            return errorPage(400, "Unknown application", "The application_id does not identify a registered application.");
        }
        String state = first(form, "state");
        if (state == null || state.isEmpty()) return errorPage(400, "Missing state", "The state parameter is required.");
        String redirectUri = effectiveRedirectUri(first(form, "redirect_uri"));
        if (redirectUri == null) {
            return errorPage(400, "Invalid redirect URI", "The redirect_uri is not an OAuth redirect URI registered for this application.");
        }
        String decision = first(form, "decision");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("state", state);
        if ("deny".equals(decision)) {
            params.put("error", "access_denied");
            params.put("error_description", "The selling partner denied the authorization request.");
            return secured(SandboxResponse.redirect(FormCodec.appendQuery(redirectUri, params)));
        }
        if (!"authorize".equals(decision)) return errorPage(400, "Invalid request", "decision must be authorize or deny.");
        String seller = first(form, "selling_partner_id");
        if (NEW_SELLER.equals(seller)) {
            String marketplace = first(form, NEW_SELLER_MARKETPLACE);
            Marketplace m = Marketplace.byCode(marketplace == null || marketplace.isBlank() ? DEFAULT_NEW_SELLER_MARKETPLACE : marketplace);
            if (m == null) {
                return errorPage(400, "Unknown marketplace", "Choose the marketplace of the new sandbox seller's orders.");
            }
            seller = app.createSeller(m.code());
        } else if (seller == null || !app.sellingPartnerIds().contains(seller)) {
            return errorPage(400, "Unknown selling account", "Choose one of your selling accounts.");
        }
        params.put("selling_partner_id", seller);
        params.put("spapi_oauth_code", lwa.issueAuthorizationCode(seller, redirectUri));
        return secured(SandboxResponse.redirect(FormCodec.appendQuery(redirectUri, params)));
    }

    /** The registered URI when none or that one is given; null for any other URI. */
    private String effectiveRedirectUri(String given) {
        String registered = app.redirectUri();
        if (registered == null) return null;
        if (given == null || given.isEmpty()) return registered;
        return given.equals(registered) ? registered : null;
    }

    private static SandboxResponse errorPage(int status, String title, String message) {
        return secured(SandboxResponse.html(status, Html.page(title, "<h1>" + Html.escape(title) + "</h1>\n<p>"
                + Html.escape(message) + "</p>")));
    }

    private static SandboxResponse secured(SandboxResponse response) {
        return response.header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">\n";
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
