package com.marketplaceconnect.sandbox.amazon;

import com.marketplaceconnect.sandbox.http.SandboxRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The searchOrders filter parameters as sent (everything except maxResultsPerPage, includedData and
 * paginationToken), their validation, and their fingerprint for pagination tokens.
 */
final class SearchCriteria {

    static final Duration DATA_DELAY = Duration.ofMinutes(2);
    static final Set<String> STATUSES = Set.of("PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED",
            "SHIPPED", "CANCELLED", "UNFULFILLABLE");
    static final Set<String> FULFILLED_BY = Set.of("MERCHANT", "AMAZON");
    static final String TOO_RECENT = "The input you have submitted is not valid. Note that the error may be due to a "
            + "systematic delay in data retrieval. The most updated data is 2 minutes after an order is created or last "
            + "updated. If you set the CreatedBefore or LastUpdatedBefore parameters, please provide a date that is at "
            + "least 2 minutes before current time and try again.";

    /** Validated criteria: which date the search filters on and the inclusive range. */
    record Parsed(Set<String> marketplaceIds, boolean byCreated, Instant after, Instant before, Set<String> statuses,
                  Set<String> fulfilledBy) {

        String beforeField() {
            return byCreated ? "createdBefore" : "lastUpdatedBefore";
        }
    }

    private final List<String> marketplaceIds;
    private final String createdAfter;
    private final String createdBefore;
    private final String lastUpdatedAfter;
    private final String lastUpdatedBefore;
    private final List<String> fulfillmentStatuses;
    private final List<String> fulfilledBy;

    SearchCriteria(SandboxRequest request) {
        this.marketplaceIds = request.queryList("marketplaceIds");
        this.createdAfter = request.queryParam("createdAfter");
        this.createdBefore = request.queryParam("createdBefore");
        this.lastUpdatedAfter = request.queryParam("lastUpdatedAfter");
        this.lastUpdatedBefore = request.queryParam("lastUpdatedBefore");
        this.fulfillmentStatuses = request.queryList("fulfillmentStatuses");
        this.fulfilledBy = request.queryList("fulfilledBy");
    }

    /** Identifies these parameters (and the caller) so a pagination token only continues the same search. */
    String fingerprint(String sellingPartnerId) {
        String canonical = String.join("\u0001", sellingPartnerId, String.valueOf(marketplaceIds),
                String.valueOf(createdAfter), String.valueOf(createdBefore), String.valueOf(lastUpdatedAfter),
                String.valueOf(lastUpdatedBefore), String.valueOf(fulfillmentStatuses), String.valueOf(fulfilledBy));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Parsed validate(Instant now, String sellerRegion) {
        if (marketplaceIds == null || marketplaceIds.isEmpty()) {
            throw SpApiError.invalidInput("Missing required parameter: marketplaceIds.");
        }
        if (marketplaceIds.size() > 50) throw SpApiError.invalidInput("A maximum of 50 marketplaceIds can be specified.");
        for (String id : marketplaceIds) {
            Marketplace m = Marketplace.byId(id);
            if (m == null || (sellerRegion != null && !m.region().equals(sellerRegion))) {
                throw SpApiError.invalidInput("Invalid marketplaceId: " + id + ".");
            }
        }
        if (createdAfter != null && lastUpdatedAfter != null) {
            throw SpApiError.invalidInput("createdAfter and lastUpdatedAfter cannot be specified together. Specify exactly one.");
        }
        if (createdAfter == null && lastUpdatedAfter == null) {
            throw SpApiError.invalidInput("Either createdAfter or lastUpdatedAfter must be specified.");
        }
        if (createdAfter != null && lastUpdatedBefore != null) {
            throw SpApiError.invalidInput("lastUpdatedBefore cannot be specified together with createdAfter; use createdBefore.");
        }
        if (lastUpdatedAfter != null && createdBefore != null) {
            throw SpApiError.invalidInput("createdBefore cannot be specified together with lastUpdatedAfter; use lastUpdatedBefore.");
        }
        boolean byCreated = createdAfter != null;
        String afterName = byCreated ? "createdAfter" : "lastUpdatedAfter";
        String beforeName = byCreated ? "createdBefore" : "lastUpdatedBefore";
        Instant after = IsoDates.parseParam(afterName, byCreated ? createdAfter : lastUpdatedAfter);
        String beforeText = byCreated ? createdBefore : lastUpdatedBefore;
        Instant latestAllowed = now.minus(DATA_DELAY);
        Instant before;
        if (beforeText != null) {
            before = IsoDates.parseParam(beforeName, beforeText);
            if (before.isAfter(latestAllowed)) throw SpApiError.invalidInput(TOO_RECENT, "");
            if (before.isBefore(after)) {
                throw SpApiError.invalidInput(beforeName + " must be equal to or later than " + afterName + ".");
            }
        } else {
            before = latestAllowed;
        }
        Set<String> statuses = enumValues("fulfillmentStatuses", fulfillmentStatuses, STATUSES);
        Set<String> by = enumValues("fulfilledBy", fulfilledBy, FULFILLED_BY);
        return new Parsed(new LinkedHashSet<>(marketplaceIds), byCreated, after, before, statuses, by);
    }

    private static Set<String> enumValues(String name, List<String> values, Set<String> allowed) {
        if (values == null || values.isEmpty()) return null;
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw SpApiError.invalidInput("Invalid value for " + name + ": " + v + ". Valid values are "
                        + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        return Set.copyOf(values);
    }
}
