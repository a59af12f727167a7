package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void sameSeedGivesTheSameOrders() {
        try (MarketplaceSandbox a = start(); MarketplaceSandbox b = start()) {
            a.amazon().addSeller("A1", "EU");
            b.amazon().addSeller("A1", "EU");
            List<String> idsA = a.amazon().generateOrders("A1", "A21TJRUUN4KGV", 50, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(3)), 5);
            List<String> idsB = b.amazon().generateOrders("A1", "A21TJRUUN4KGV", 50, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(3)), 5);
            assertThat(idsA).isEqualTo(idsB);
            assertThat(a.amazon().order(idsA.get(7))).isEqualTo(b.amazon().order(idsB.get(7)));
        }
    }

    @Test
    void makesOneHundredThousandDistinctOrders() {
        try (MarketplaceSandbox sandbox = start()) {
            sandbox.amazon().addSeller("A1", "EU");
            Instant to = NOW.minus(Duration.ofMinutes(3));
            List<String> ids = sandbox.amazon().generateOrders("A1", "A21TJRUUN4KGV", 100_000, NOW.minus(Duration.ofDays(30)), to, 1);
            assertThat(ids).hasSize(100_000).doesNotHaveDuplicates();
            assertThat(sandbox.amazon().orderCount()).isEqualTo(100_000);
        }
    }

    @Test
    void demoDataMatchesTheLocalRunDescription() {
        try (MarketplaceSandbox sandbox = start()) {
            AmazonSeller seller = sandbox.amazon().seedDemo();
            assertThat(seller.sellingPartnerId()).isEqualTo("A3DEMOSELLER1IN");
            assertThat(seller.region()).isEqualTo("EU");
            assertThat(seller.refreshToken()).startsWith("Atzr|");
            assertThat(seller.toString()).doesNotContain(seller.refreshToken());
            assertThat(sandbox.amazon().orderCount()).isBetween(280, 320);

            List<JsonNode> orders = new java.util.ArrayList<>();
            for (String id : allIds(sandbox)) orders.add(sandbox.amazon().order(id));
            Map<String, Long> byStatus = orders.stream().collect(Collectors.groupingBy(
                    o -> o.get("fulfillment").get("fulfillmentStatus").asText(), Collectors.counting()));
            assertThat(byStatus.keySet()).contains("PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED");
            long afn = orders.stream().filter(o -> o.get("fulfillment").get("fulfilledBy").asText().equals("AMAZON")).count();
            assertThat(afn).isBetween(10L, 100L);
            Instant limit = NOW.minus(Duration.ofMinutes(3));
            for (JsonNode o : orders) {
                Instant created = Instant.parse(o.get("createdTime").asText());
                Instant updated = Instant.parse(o.get("lastUpdatedTime").asText());
                assertThat(updated).isAfterOrEqualTo(created).isBeforeOrEqualTo(limit);
                assertThat(created).isAfterOrEqualTo(NOW.minus(Duration.ofDays(31)));
                assertThat(o.get("orderItems").size()).isBetween(1, 3);
                String marketplace = o.get("salesChannel").get("marketplaceId").asText();
                JsonNode address = o.path("recipient").path("deliveryAddress");
                String currency = o.get("orderItems").get(0).get("product").get("price").get("unitPrice").get("currencyCode").asText();
                if (marketplace.equals("A21TJRUUN4KGV")) {
                    assertThat(currency).isEqualTo("INR");
                    if (!address.isMissingNode()) assertThat(address.get("postalCode").asText()).matches("\\d{6}");
                } else {
                    assertThat(marketplace).isEqualTo("A1F83G8C2ARO7P");
                    assertThat(currency).isEqualTo("GBP");
                    if (!address.isMissingNode()) assertThat(address.get("countryCode").asText()).isEqualTo("GB");
                }
            }
        }
    }

    @Test
    void generatorChecksSellerAndMarketplaceRegion() {
        try (MarketplaceSandbox sandbox = start()) {
            sandbox.amazon().addSeller("A1", "EU");
            assertThatThrownBy(() -> sandbox.amazon().generateOrders("A1", "ATVPDKIKX0DER", 1, NOW.minusSeconds(600), NOW.minusSeconds(300), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sandbox.amazon().generateOrders("NOPE", "A21TJRUUN4KGV", 1, NOW.minusSeconds(600), NOW.minusSeconds(300), 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> allIds(MarketplaceSandbox sandbox) {
        return sandbox.amazon().orderIds(AmazonSandbox.DEMO_SELLER_ID);
    }

    private static MarketplaceSandbox start() {
        return MarketplaceSandbox.start(SandboxSettings.defaults().withClock(new MutableClock(NOW)));
    }
}
