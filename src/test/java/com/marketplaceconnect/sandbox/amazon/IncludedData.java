package com.marketplaceconnect.sandbox.amazon;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The includedData values of Orders API v2026-01-01. */
enum IncludedData {
    BUYER, RECIPIENT, PROCEEDS, EXPENSE, PROMOTION, CANCELLATION, FULFILLMENT, PACKAGES, TAX, PAYMENT, FULFILLMENT_ORDERS;

    static final Set<IncludedData> ALL = EnumSet.allOf(IncludedData.class);

    /** Parses the (already split) values; an unknown value is a 400. */
    static Set<IncludedData> parse(List<String> values) {
        EnumSet<IncludedData> result = EnumSet.noneOf(IncludedData.class);
        if (values == null) return result;
        for (String value : values) {
            try {
                result.add(IncludedData.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw SpApiError.invalidInput("Invalid value for includedData: " + value + ". Valid values are "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
            }
        }
        return result;
    }
}
