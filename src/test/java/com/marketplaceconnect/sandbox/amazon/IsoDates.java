package com.marketplaceconnect.sandbox.amazon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** ISO 8601 parsing as the SP-API accepts it: date-times with Z or an offset, local date-times (UTC) or dates. */
final class IsoDates {

    private IsoDates() {
    }

    /** The instant, or null when the text is not ISO 8601. */
    static Instant parseOrNull(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    static Instant parseParam(String name, String text) {
        Instant instant = parseOrNull(text);
        if (instant == null) {
            throw SpApiError.invalidInput("Invalid " + name + ": '" + text + "' is not an ISO 8601 date-time.");
        }
        return instant;
    }
}
