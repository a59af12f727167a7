package com.marketplaceconnect.shopify;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.marketplaceconnect.sync.SyncErrors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The Shopify webhook door, {@code POST /webhooks/shopify}: a thin hand-over of the raw bytes and headers to route
 * shopify-webhook (routes/shopify-webhooks.yaml), which verifies, dedupes and stores synchronously, so the 200 means
 * committed. Spring MVC is the service's one HTTP server (its filters, port and metrics), and a byte[] body is the
 * request's bytes untouched, which the HMAC needs; camel-platform-http would add a second HTTP stack for one door.
 * 401: bad signature; 400: not a Shopify webhook; 500: not stored (Shopify retries it).
 */
@RestController
@Tag(name = "Shopify webhooks", description = "Orders, uninstall and compliance topics from Shopify (HMAC-signed)")
public class ShopifyWebhookController {
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookController.class);

    private final ProducerTemplate producer;

    public ShopifyWebhookController(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Operation(summary = "Shopify webhook delivery (HMAC over the raw body; answered after a durable write)")
    @SecurityRequirements
    @PostMapping("/webhooks/shopify")
    ResponseEntity<String> deliver(@RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
        Exchange result = producer.send("direct:shopify-webhook", exchange -> {
            exchange.getMessage().setBody(body == null ? new byte[0] : body);
            for (Map.Entry<String, java.util.List<String>> header : headers.entrySet()) {
                String name = header.getKey();
                if (name.regionMatches(true, 0, "X-Shopify-", 0, 10) || name.regionMatches(true, 0, "Shopify-", 0, 8)) {
                    exchange.getMessage().setHeader(name, header.getValue().get(0));
                }
            }
        });
        Throwable failure = result.getException();
        if (failure instanceof ShopifyWebhookRefusedException refused) {
            return ResponseEntity.status(refused.status()).body(refused.getMessage());
        }
        if (failure != null) {
            log.warn("Shopify webhook not stored, Shopify will deliver it again: {}", SyncErrors.describe(failure));
            return ResponseEntity.status(500).body("not stored, deliver again");
        }
        return ResponseEntity.ok("ok");
    }
}
