package com.marketplaceconnect.shipments;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The {@code shipments.*} properties the Java side reads; documented in config/application.yaml. */
@ConfigurationProperties("shipments")
public record ShipmentSettings(Push push, Amazon amazon) {

    public record Push(int batchSize, Duration lease, Retry retry) {
    }

    /** Backoff of a transient push failure: initial * 2^(attempt-1), at most maxDelay, +/- jitter (a fraction). */
    public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter) {
    }

    /**
     * carrierCodes: marketplace code (IN, UK, US ...) to (your carrier code, upper-case letters and digits only) to
     * Amazon's CarrierCode, spelled as in the marketplace's Seller Central list.
     */
    public record Amazon(String defaultShippingMethod, Map<String, Map<String, String>> carrierCodes) {
        public Amazon {
            carrierCodes = carrierCodes == null ? Map.of() : carrierCodes;
        }

        /** Amazon's CarrierCode for a carrier in a marketplace, or null when the table has none. */
        public String carrierCode(String marketplaceCode, String carrier) {
            Map<String, String> table = null;
            for (var e : carrierCodes.entrySet()) {
                if (e.getKey().equalsIgnoreCase(marketplaceCode)) table = e.getValue();
            }
            if (table == null || carrier == null) return null;
            String wanted = normalise(carrier);
            for (var e : table.entrySet()) {
                // The sender may already use Amazon's spelling ("Blue Dart" for BLUEDART): both sides are matched.
                if (normalise(e.getKey()).equals(wanted) || normalise(e.getValue()).equals(wanted)) return e.getValue();
            }
            return null;
        }

        static String normalise(String code) {
            return code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        }
    }
}
