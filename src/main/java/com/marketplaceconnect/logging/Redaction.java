package com.marketplaceconnect.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The logging safety net: whatever slips into a log line, tokens and secrets come out as ***. The code never logs
 * them on purpose; this catches the accident (an exception message quoting a request, a debug dump).
 */
public final class Redaction {
    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // LWA access and refresh tokens, restricted data tokens
            new Rule(Pattern.compile("Atz[a-z]?[|.][A-Za-z0-9|._\\-+/=%]+"), "Atz***"),
            // Shopify and WooCommerce keys
            new Rule(Pattern.compile("\\b(shpat|shpss|shpca|shppa)_[0-9a-fA-F]+"), "$1_***"),
            new Rule(Pattern.compile("\\b(ck|cs)_[0-9a-fA-F]{20,}"), "$1_***"),
            // Authorization headers
            new Rule(Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._\\-+/=|~]+"), "$1 ***"),
            // name=value / "name":"value" pairs whose name says secret
            new Rule(Pattern.compile("(?i)(\"?(?:access_token|refresh_token|client_secret|app_secret|appSecret|applicationSecret|"
                    + "refreshToken|accessToken|clientSecret|password|api[_-]?key|x-amz-access-token|spapi_oauth_code|code_verifier)\"?"
                    + "\\s*[:=]\\s*\"?)([^\"\\s,&}\\]]+)"), "$1***"));

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }
}
