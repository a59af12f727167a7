package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.connectors.Signatures;
import com.marketplaceconnect.sandbox.woocommerce.WooStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The webhook door (signature, ping, duplicates) and the webhooks' upkeep (a disabled one recreated, the gap filled). */
class WooCommerceWebhookTest extends WooCommerceTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> deliver(long accountId, String body, String signature, String deliveryId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/woocommerce/" + accountId))
                .header("Content-Type", "application/json")
                .header("X-WC-Webhook-Topic", "order.updated").header("X-WC-Webhook-Resource", "order")
                .header("X-WC-Webhook-Event", "updated").header("X-WC-Webhook-ID", "1")
                .header("X-WC-Webhook-Delivery-ID", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) b.header("X-WC-Webhook-Signature", signature);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int processed(long accountId) {
        return jdbc.queryForObject("select count(*) from camel_messageprocessed where processorname = 'woocommerce-webhooks' "
                + "and messageid like ?", Integer.class, accountId + ":%");
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() throws Exception {
        WooStore store = newStore(false);
        long accountId = connect(store, 0);
        long order = store.addOrder("processing", CLOCK.instant(), List.of(new WooStore.Line("A-1", "A", 1, "9.99")));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(accountId, order) != null);
        jdbc.update("delete from orders where account_id = ?", accountId);
        int processedBefore = processed(accountId);

        String body = store.order(order).toString();
        String secret = store.webhooks().get(0).get("secret").asText();
        // Signed with another secret; unsigned; the right signature over a body changed by one character.
        assertThat(deliver(accountId, body, Signatures.base64HmacSha256("not-the-secret", body.getBytes(StandardCharsets.UTF_8)), "d1")
                .statusCode()).isEqualTo(401);
        assertThat(deliver(accountId, body, null, "d2").statusCode()).isEqualTo(401);
        String signature = Signatures.base64HmacSha256(secret, body.getBytes(StandardCharsets.UTF_8));
        assertThat(deliver(accountId, body.replace("\"processing\"", "\"completed\""), signature, "d3").statusCode()).isEqualTo(401);
        // Another account's door with this store's signature.
        long other = connect(newStore(false), 0);
        assertThat(deliver(other, body, signature, "d4").statusCode()).isEqualTo(401);
        assertThat(status(accountId, order)).isNull();
        assertThat(processed(accountId)).isEqualTo(processedBefore);

        // The same bytes, correctly signed: stored.
        assertThat(deliver(accountId, body, signature, "d5").statusCode()).isEqualTo(200);
        assertThat(status(accountId, order)).isEqualTo("UNSHIPPED");
    }

    @Test
    void theCreationPingIsAnsweredAndADuplicateDeliveryIsIgnored() throws Exception {
        WooStore store = newStore(false);
        long accountId = connect(store, 0);
        HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/woocommerce/" + accountId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("webhook_id=12")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);

        long order = store.addOrder("processing", CLOCK.instant(), List.of(new WooStore.Line("B-1", "B", 2, "4.00")));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(accountId, order) != null
                && store.deliveries().stream().anyMatch(d -> d.topic().equals("order.created")));
        WooStore.Delivery first = store.deliveries().stream().filter(d -> d.topic().equals("order.created")).findFirst().orElseThrow();
        assertThat(processed(accountId)).isEqualTo(1);

        // The order row removed behind the service's back: a duplicate of the delivery must not bring it back.
        jdbc.update("delete from orders where account_id = ?", accountId);
        assertThat(SANDBOX.woocommerce().redeliver(store, first)).isEqualTo(200);
        assertThat(SANDBOX.woocommerce().redeliver(store, first)).isEqualTo(200);
        assertThat(status(accountId, order)).isNull();
        assertThat(processed(accountId)).isEqualTo(1);
    }

    @Test
    void aWebhookTheStoreDisabledIsRecreatedByTheReconciliationWhichFillsTheGap() {
        WooStore store = newStore(false);
        long accountId = connect(store, 6);
        syncSucceeded(accountId);
        JsonNode updated = store.webhooks().stream().filter(w -> w.get("topic").asText().equals("order.updated")).findFirst().orElseThrow();
        store.disableWebhook(updated.get("id").asLong());

        List<Long> ids = store.orderIds();
        store.setStatus(ids.get(0), "completed");
        store.cancel(ids.get(1));
        store.loseDeliveries(0);
        // Nothing arrives: the webhook is disabled (WooCommerce queues no delivery for it).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !"CANCELLED".equals(status(accountId, ids.get(1))));

        // A moment later (the window's end excludes this second); small: the sandboxes' rate limiters run on this clock.
        CLOCK.advance(Duration.ofSeconds(2));
        syncSucceeded(accountId);
        // The gap is filled by the walk...
        assertThat(status(accountId, ids.get(0))).isEqualTo("SHIPPED");
        assertThat(status(accountId, ids.get(1))).isEqualTo("CANCELLED");
        // ...the webhook is there again, active, and the account says what happened.
        List<JsonNode> now = List.copyOf(store.webhooks());
        assertThat(now).extracting(w -> w.get("topic").asText()).containsExactlyInAnyOrder("order.created", "order.updated", "order.deleted");
        assertThat(now).allSatisfy(w -> assertThat(w.get("status").asText()).isEqualTo("active"));
        assertThat(now).noneMatch(w -> w.get("id").asLong() == updated.get("id").asLong());
        var account = api().get("/api/accounts/" + accountId).json();
        assertThat(account.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(account.get("statusReason").asText()).contains("webhooks recreated").contains("order.updated").contains("disabled");

        // And the recreated webhook delivers again.
        store.setStatus(ids.get(2), "on-hold");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ON_HOLD".equals(status(accountId, ids.get(2))));
    }

    @Test
    void lostDeliveriesAreFilledByTheNextReconciliation() {
        WooStore store = newStore(false);
        long accountId = connect(store, 4);
        syncSucceeded(accountId);
        store.loseDeliveries(2);
        List<Long> ids = store.orderIds();
        store.setStatus(ids.get(0), "on-hold");
        store.setStatus(ids.get(1), "cancelled");
        await().until(() -> store.deliveries().stream().filter(d -> d.status() == -1).count() == 2);
        assertThat(status(accountId, ids.get(1))).isNotEqualTo("CANCELLED");
        // A moment later (the window's end excludes this second); small: the sandboxes' rate limiters run on this clock.
        CLOCK.advance(Duration.ofSeconds(2));
        syncSucceeded(accountId);
        assertThat(status(accountId, ids.get(0))).isEqualTo("ON_HOLD");
        assertThat(status(accountId, ids.get(1))).isEqualTo("CANCELLED");
    }
}
