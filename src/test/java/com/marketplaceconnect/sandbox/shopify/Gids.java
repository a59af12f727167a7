package com.marketplaceconnect.sandbox.shopify;

/** Shopify's global ids: {@code gid://shopify/{Type}/{number}}. */
public final class Gids {

    private Gids() {
    }

    public static String of(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The number of a gid of the given type, or -1 when {@code gid} is not one (wrong type, malformed). */
    public static long parse(String gid, String type) {
        if (gid == null) return -1;
        String prefix = "gid://shopify/" + type + "/";
        if (!gid.startsWith(prefix)) return -1;
        String rest = gid.substring(prefix.length());
        int q = rest.indexOf('?');
        if (q >= 0) rest = rest.substring(0, q);
        try {
            long n = Long.parseLong(rest);
            return n > 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
