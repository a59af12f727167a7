package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.InvalidRequestException;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store URL a seller typed, checked before this service sends it anything: a server-side request to an address
 * chosen by someone else (SSRF). The URL must be https (plain http only where {@code woocommerce.allow-plain-http}),
 * without user info, query or fragment; its host must resolve, and every address it resolves to must be public:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata —, fe80::/10),
 * CGNAT (100.64/10), "this network" (0/8), multicast and the unspecified address are refused unless
 * {@code woocommerce.allow-private-addresses} or the address lies in {@code woocommerce.private-address-allowlist}.
 * The check runs at connect and again before every call (a name may be re-pointed later).
 */
@Component("woocommerceStoreUrls")
public class WooCommerceStoreUrls {
    private final boolean allowPlainHttp;
    private final boolean allowPrivate;
    private final List<Cidr> allowlist = new ArrayList<>();

    @org.springframework.beans.factory.annotation.Autowired
    public WooCommerceStoreUrls(WooCommerceProperties properties) {
        this(properties.allowPlainHttp(), properties.allowPrivateAddresses(), properties.privateAddressAllowlist());
    }

    public WooCommerceStoreUrls(boolean allowPlainHttp, boolean allowPrivate, List<String> allowlist) {
        this.allowPlainHttp = allowPlainHttp;
        this.allowPrivate = allowPrivate;
        allowlist.stream().filter(c -> c != null && !c.isBlank()).forEach(c -> this.allowlist.add(Cidr.parse(c.trim())));
    }

    /** The normalized store URL (scheme, host, port, path without a trailing slash), or a 422 naming storeUrl. */
    public String check(String storeUrl) {
        if (storeUrl == null || storeUrl.isBlank()) {
            throw new InvalidRequestException("storeUrl", "is required: the address of the WooCommerce store, e.g. https://shop.example.com");
        }
        URI uri;
        try {
            uri = new URI(storeUrl.trim());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("storeUrl", "is not a URL: " + e.getReason(), 422);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPlainHttp)) {
            throw new InvalidRequestException("storeUrl", "must start with https:// (WooCommerce's keys travel with every call; "
                    + "plain HTTP is refused)", 422);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidRequestException("storeUrl", "must be the store's address only (scheme, host, optional port and path), "
                    + "without user, query or fragment", 422);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        checkAddresses(host);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    /** Every address the host resolves to must be public (or allowed). */
    public void checkAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidRequestException("storeUrl", "the host " + host + " does not resolve", 422);
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address) && allowlist.stream().noneMatch(c -> c.contains(address))) {
                throw new InvalidRequestException("storeUrl", "the host " + host + " resolves to " + address.getHostAddress()
                        + ", a private, loopback, link-local or otherwise non-public address: only public stores can be connected", 422);
            }
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) return false;                       // this network, reserved, broadcast
            if (first == 100 && second >= 64 && second <= 127) return false;    // CGNAT 100.64/10
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return false; // IETF protocol assignments
            if (first == 198 && (second == 18 || second == 19)) return false;   // benchmarking
            return true;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return false;                            // unique local fc00::/7
            boolean mapped = true;                                              // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An address block, e.g. 127.0.0.0/8. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("woocommerce.private-address-allowlist: not a CIDR: " + text);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) return false;
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) return false;
            }
            return true;
        }
    }
}
