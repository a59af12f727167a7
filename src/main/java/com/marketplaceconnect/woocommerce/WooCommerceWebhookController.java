package com.marketplaceconnect.woocommerce;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook door: the raw bytes and the X-WC-Webhook-* headers go to route woocommerce-webhook
 * (routes/woocommerce-webhooks.yaml), which checks the signature before parsing, dedupes and stores. The answer
 * comes after the store committed: 200 (also for a ping or a duplicate), 401 for a bad signature (nothing stored),
 * 503 when it could not be stored (WooCommerce does not retry; the reconciliation fills it in).
 */
@RestController
@Tag(name = "Webhooks", description = "Marketplace webhooks, guarded by their signatures")
public class WooCommerceWebhookController {
    private final ProducerTemplate producer;

    public WooCommerceWebhookController(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Operation(summary = "WooCommerce order webhooks of one account (public, guarded by X-WC-Webhook-Signature)",
            description = "200 once stored (or for the creation ping, or a delivery seen before); 401 when the signature does "
                    + "not match the raw body with the account's secret (nothing stored); 503 when it could not be stored.")
    @SecurityRequirements
    @PostMapping("/webhooks/woocommerce/{accountId}")
    ResponseEntity<String> deliver(@PathVariable long accountId, @RequestBody(required = false) byte[] body,
                                   @RequestHeader HttpHeaders headers) {
        Map<String, Object> wc = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name.toLowerCase().startsWith("x-wc-webhook-") && !values.isEmpty()) {
                wc.put(canonical(name), values.get(0));
            }
        });
        Exchange result = producer.send("direct:woocommerce-webhook", e -> {
            e.setProperty("accountId", accountId);
            e.getMessage().setHeaders(wc);
            e.getMessage().setBody(body == null ? new byte[0] : body);
        });
        if (result.getException(WooCommerceWebhooks.SignatureRefusedException.class) != null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("{\"error\":\"invalid signature\"}");
        }
        if (result.getException() != null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("{\"error\":\"not stored, the reconciliation will fetch it\"}");
        }
        return ResponseEntity.ok("{\"ok\":true}");
    }

    /** X-WC-Webhook-Signature, whatever case the client sent. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            if (!out.isEmpty()) out.append('-');
            String lower = part.toLowerCase();
            out.append(lower.equals("wc") ? "WC" : lower.equals("id") ? "ID" : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return out.toString();
    }
}
