package com.marketplaceconnect.accounts;

import java.time.Instant;
import java.util.List;

/** A seller's connection to one marketplace. Never carries credentials: those stay sealed in the database. */
public record SellerAccount(long id, String marketplace, String region, String externalAccountId,
                            String sellerReference, AccountStatus status, String statusReason,
                            List<String> marketplaces, Instant lastSuccessfulSyncAt, String lastError,
                            Instant lastErrorAt, Instant createdAt) {

    /** What the associated data of the account's ciphertext is bound to. */
    public String credentialBinding() {
        return credentialBinding(marketplace, region, externalAccountId);
    }

    public static String credentialBinding(String marketplace, String region, String externalAccountId) {
        return marketplace + ":" + region + ":" + externalAccountId;
    }
}
