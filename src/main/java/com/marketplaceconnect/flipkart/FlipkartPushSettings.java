package com.marketplaceconnect.flipkart;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Locale;
import java.util.Map;

/**
 * {@code shipments.flipkart.*}: the Flipkart self-ship push (documented in config/application.yaml).
 * deliveryPartnerCodes maps your carrier code (compared upper-case, letters and digits only) to Flipkart's
 * deliveryPartnerCode; a carrier not listed is sent with its own code, normalised the same way.
 */
@ConfigurationProperties("shipments.flipkart")
public record FlipkartPushSettings(Integer dispatchBatchSize, Integer defaultDeliveryDays, Map<String, String> deliveryPartnerCodes) {
    /** Flipkart takes at most 100 shipments in one selfShip/dispatch call. */
    public static final int MAX_DISPATCH_BATCH = 100;

    public FlipkartPushSettings {
        dispatchBatchSize = dispatchBatchSize == null ? MAX_DISPATCH_BATCH : Math.max(1, Math.min(MAX_DISPATCH_BATCH, dispatchBatchSize));
        defaultDeliveryDays = defaultDeliveryDays == null ? 5 : Math.max(0, defaultDeliveryDays);
        deliveryPartnerCodes = deliveryPartnerCodes == null ? Map.of() : deliveryPartnerCodes;
    }

    /** Flipkart's deliveryPartnerCode for the event's carrierCode. */
    public String deliveryPartnerCode(String carrierCode) {
        String wanted = normalise(carrierCode);
        for (var e : deliveryPartnerCodes.entrySet()) {
            if (normalise(e.getKey()).equals(wanted) || normalise(e.getValue()).equals(wanted)) return e.getValue();
        }
        return wanted;
    }

    static String normalise(String code) {
        return code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
