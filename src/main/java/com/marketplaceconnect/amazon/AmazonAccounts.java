package com.marketplaceconnect.amazon;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.SellerAccount;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Connects Amazon accounts: validates region and marketplaces, proves the refresh token works, stores it sealed. */
@Service
public class AmazonAccounts {
    private final AccountRepository accounts;
    private final LwaTokens lwa;

    public AmazonAccounts(AccountRepository accounts, LwaTokens lwa) {
        this.accounts = accounts;
        this.lwa = lwa;
    }

    /** Validated marketplace code to id; every code must exist and belong to the region. */
    public static Map<String, String> marketplaces(String region, List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new InvalidRequestException("marketplaces", "name at least one marketplace code of region " + region + " (e.g. IN, UK, DE)");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String code : codes) {
            AmazonMarketplace m = AmazonMarketplace.byCode(code)
                    .orElseThrow(() -> new InvalidRequestException("marketplaces", "unknown Amazon marketplace code '" + code + "'"));
            if (!m.region().equals(region)) {
                throw new InvalidRequestException("marketplaces", "marketplace " + m.name() + " belongs to region " + m.region() + ", not " + region);
            }
            result.put(m.name(), m.marketplaceId());
        }
        return result;
    }

    public static String region(String region) {
        String r = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
        if (!AmazonMarketplace.REGIONS.contains(r)) {
            throw new InvalidRequestException("region", "must be NA, EU or FE (India is EU)");
        }
        return r;
    }

    /** Replaces the account's enabled marketplaces, validated against its region. */
    public Map<String, String> setMarketplaces(long accountId, String region, List<String> codes) {
        Map<String, String> ids = marketplaces(region, codes);
        accounts.replaceMarketplaces(accountId, ids);
        return ids;
    }

    /** The codes of every marketplace of the region, e.g. EU: AE, BE, DE … */
    public static List<String> marketplaceCodes(String region) {
        return java.util.Arrays.stream(AmazonMarketplace.values()).filter(m -> m.region().equals(region))
                .map(Enum::name).sorted().toList();
    }

    /** Private-app model: a self-authorized refresh token. It is tried once against LWA before anything is saved. */
    public long connectWithRefreshToken(String sellingPartnerId, String region, List<String> marketplaceCodes,
                                        String refreshToken, String sellerReference) {
        if (sellingPartnerId == null || sellingPartnerId.isBlank()) {
            throw new InvalidRequestException("sellingPartnerId", "is required");
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new InvalidRequestException("refreshToken", "is required");
        }
        String r = region(region);
        Map<String, String> ids = marketplaces(r, marketplaceCodes);
        try {
            lwa.refresh(refreshToken);
        } catch (LwaException e) {
            throw new InvalidRequestException("refreshToken", e.getMessage(), 422);
        } catch (IOException e) {
            throw new IllegalStateException("Login with Amazon is unreachable, try again: " + e.getMessage());
        }
        return accounts.connect(AmazonConnector.MARKETPLACE, r, sellingPartnerId.trim(), sellerReference,
                Map.of("refreshToken", refreshToken), ids);
    }
}
