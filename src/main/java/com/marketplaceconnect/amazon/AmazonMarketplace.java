package com.marketplaceconnect.amazon;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Amazon's marketplaces: code, marketplace id, SP-API region and Seller Central host. Ids and hosts from Amazon's
 * marketplace-id page and the developer guide (see the reference notes); India is served by the EU endpoint.
 */
public enum AmazonMarketplace {
    CA("A2EUQ1WTGCTBG2", "NA", "sellercentral.amazon.ca"),
    US("ATVPDKIKX0DER", "NA", "sellercentral.amazon.com"),
    MX("A1AM78C64UM0Y8", "NA", "sellercentral.amazon.com.mx"),
    BR("A2Q3Y263D00KWC", "NA", "sellercentral.amazon.com.br"),
    IE("A28R8C7NBKEWEA", "EU", "sellercentral.amazon.ie"),
    ES("A1RKKUPIHCS9HS", "EU", "sellercentral-europe.amazon.com"),
    UK("A1F83G8C2ARO7P", "EU", "sellercentral-europe.amazon.com"),
    FR("A13V1IB3VIYZZH", "EU", "sellercentral-europe.amazon.com"),
    BE("AMEN7PMS3EDWL", "EU", "sellercentral.amazon.com.be"),
    NL("A1805IZSGTT6HS", "EU", "sellercentral.amazon.nl"),
    DE("A1PA6795UKMFR9", "EU", "sellercentral-europe.amazon.com"),
    IT("APJ6JRA9NG5V4", "EU", "sellercentral-europe.amazon.com"),
    SE("A2NODRKZP88ZB9", "EU", "sellercentral.amazon.se"),
    ZA("AE08WJ6YKNBMC", "EU", "sellercentral.amazon.co.za"),
    PL("A1C3SOZRARQ6R3", "EU", "sellercentral.amazon.pl"),
    EG("ARBP9OOSHTCHU", "EU", "sellercentral.amazon.eg"),
    TR("A33AVAJ2PDY3EV", "EU", "sellercentral.amazon.com.tr"),
    SA("A17E79C6D8DWNP", "EU", "sellercentral.amazon.sa"),
    AE("A2VIGQ35RCS4UG", "EU", "sellercentral.amazon.ae"),
    IN("A21TJRUUN4KGV", "EU", "sellercentral.amazon.in"),
    SG("A19VAU5U5O7RUS", "FE", "sellercentral.amazon.sg"),
    AU("A39IBJ37TRP1C6", "FE", "sellercentral.amazon.com.au"),
    JP("A1VC38T7YXB528", "FE", "sellercentral.amazon.co.jp");

    public static final java.util.List<String> REGIONS = java.util.List.of("NA", "EU", "FE");

    private final String marketplaceId;
    private final String region;
    private final String sellerCentralHost;

    AmazonMarketplace(String marketplaceId, String region, String sellerCentralHost) {
        this.marketplaceId = marketplaceId;
        this.region = region;
        this.sellerCentralHost = sellerCentralHost;
    }

    public String marketplaceId() {
        return marketplaceId;
    }

    public String region() {
        return region;
    }

    public String sellerCentralHost() {
        return sellerCentralHost;
    }

    public static Optional<AmazonMarketplace> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.equals("GB")) {
            c = "UK";
        }
        String wanted = c;
        return Arrays.stream(values()).filter(m -> m.name().equals(wanted)).findFirst();
    }

    public static Optional<AmazonMarketplace> byId(String marketplaceId) {
        return Arrays.stream(values()).filter(m -> m.marketplaceId.equals(marketplaceId)).findFirst();
    }
}
