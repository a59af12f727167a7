package com.marketplaceconnect.sandbox.amazon;

import java.util.LinkedHashMap;
import java.util.Map;

/** Amazon marketplaces the sandbox knows: id, region, storefront name, country and currency. */
record Marketplace(String id, String code, String region, String name, String countryCode, String currency,
                   String orderIdPrefix) {

    static final String INDIA = "A21TJRUUN4KGV";
    static final String UK = "A1F83G8C2ARO7P";

    private static final Map<String, Marketplace> BY_ID = new LinkedHashMap<>();

    static {
        add("A2EUQ1WTGCTBG2", "CA", "NA", "Amazon.ca", "CA", "CAD", "70");
        add("ATVPDKIKX0DER", "US", "NA", "Amazon.com", "US", "USD", "11");
        add("A1AM78C64UM0Y8", "MX", "NA", "Amazon.com.mx", "MX", "MXN", "70");
        add("A2Q3Y263D00KWC", "BR", "NA", "Amazon.com.br", "BR", "BRL", "70");
        add("A28R8C7NBKEWEA", "IE", "EU", "Amazon.ie", "IE", "EUR", "40");
        add("A1RKKUPIHCS9HS", "ES", "EU", "Amazon.es", "ES", "EUR", "40");
        add(UK, "UK", "EU", "Amazon.co.uk", "GB", "GBP", "20");
        add("A13V1IB3VIYZZH", "FR", "EU", "Amazon.fr", "FR", "EUR", "40");
        add("AMEN7PMS3EDWL", "BE", "EU", "Amazon.com.be", "BE", "EUR", "40");
        add("A1805IZSGTT6HS", "NL", "EU", "Amazon.nl", "NL", "EUR", "40");
        add("A1PA6795UKMFR9", "DE", "EU", "Amazon.de", "DE", "EUR", "30");
        add("APJ6JRA9NG5V4", "IT", "EU", "Amazon.it", "IT", "EUR", "40");
        add("A2NODRKZP88ZB9", "SE", "EU", "Amazon.se", "SE", "SEK", "40");
        add("AE08WJ6YKNBMC", "ZA", "EU", "Amazon.co.za", "ZA", "ZAR", "40");
        add("A1C3SOZRARQ6R3", "PL", "EU", "Amazon.pl", "PL", "PLN", "40");
        add("ARBP9OOSHTCHU", "EG", "EU", "Amazon.eg", "EG", "EGP", "40");
        add("A33AVAJ2PDY3EV", "TR", "EU", "Amazon.com.tr", "TR", "TRY", "40");
        add("A17E79C6D8DWNP", "SA", "EU", "Amazon.sa", "SA", "SAR", "40");
        add("A2VIGQ35RCS4UG", "AE", "EU", "Amazon.ae", "AE", "AED", "40");
        add(INDIA, "IN", "EU", "Amazon.in", "IN", "INR", "40");
        add("A19VAU5U5O7RUS", "SG", "FE", "Amazon.sg", "SG", "SGD", "50");
        add("A39IBJ37TRP1C6", "AU", "FE", "Amazon.com.au", "AU", "AUD", "50");
        add("A1VC38T7YXB528", "JP", "FE", "Amazon.co.jp", "JP", "JPY", "50");
    }

    private static void add(String id, String code, String region, String name, String country, String currency, String prefix) {
        BY_ID.put(id, new Marketplace(id, code, region, name, country, currency, prefix));
    }

    /** The marketplace, or null when the id is unknown. */
    static Marketplace byId(String id) {
        return id == null ? null : BY_ID.get(id);
    }

    /** The marketplace of a code (IN, UK, US …; case-insensitive), or null. */
    static Marketplace byCode(String code) {
        if (code == null) return null;
        for (Marketplace m : BY_ID.values()) {
            if (m.code().equalsIgnoreCase(code.trim())) return m;
        }
        return null;
    }

    /** Every marketplace the sandbox knows, NA, EU, FE. */
    static java.util.Collection<Marketplace> all() {
        return java.util.Collections.unmodifiableCollection(BY_ID.values());
    }

    static boolean isRegion(String region) {
        return "NA".equals(region) || "EU".equals(region) || "FE".equals(region);
    }
}
