package com.marketplaceconnect.connectors;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a connect flow may send the browser back to (its {@code returnUrl}): under one of the configured prefixes
 * (scheme, host, port and path prefix all match; no user info), or a page of the seller's page of this very service as
 * the browser reached it ({@code <base>/app/…}). Anything else is refused: no open redirect. One rule for every
 * connector's OAuth or key-exchange flow.
 */
public final class ReturnUrls {
    private ReturnUrls() {
    }

    /**
     * @param returnUrl      what the caller asked for (trimmed, not blank)
     * @param allowed        the configured prefixes
     * @param requestBaseUrl this service's base URL as the start request reached it, or null
     * @return whether the browser may be sent there (the caller refuses the request otherwise, naming returnUrl)
     */
    public static boolean allowed(String returnUrl, List<String> allowed, String requestBaseUrl) {
        URI uri = httpUrl(returnUrl);
        if (uri != null && uri.getRawUserInfo() == null) {
            List<String> prefixes = new ArrayList<>(allowed == null ? List.of() : allowed);
            if (requestBaseUrl != null && !requestBaseUrl.isBlank()) {
                prefixes.add(requestBaseUrl.replaceAll("/+$", "") + "/app/");
            }
            for (String prefix : prefixes) {
                URI ok = httpUrl(prefix.trim());
                if (ok != null && ok.getScheme().equalsIgnoreCase(uri.getScheme()) && ok.getHost().equalsIgnoreCase(uri.getHost())
                        && port(ok) == port(uri) && path(uri).startsWith(path(ok))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }
}
