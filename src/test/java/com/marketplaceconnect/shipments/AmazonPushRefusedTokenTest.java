package com.marketplaceconnect.shipments;

import com.marketplaceconnect.sandbox.FaultRule;
import com.marketplaceconnect.sandbox.RecordedCall;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared tracking-push policy (routes/policy-tracking-push.yaml) on Amazon's push: a 403 on confirmShipment means
 * the LWA token was refused, so the token is dropped and the row retried later from the outbox with a new one.
 */
class AmazonPushRefusedTokenTest extends ShipmentTestSupport {
    private static final String TOKEN = "/auth/o2/token";

    @Test
    void a403DropsTheTokenAndTheRowIsRetriedLaterWithANewOne() {
        String orderId = freshOrder();
        String path = "/orders/v0/orders/" + orderId + "/shipmentConfirmation";
        int tokensBefore = SANDBOX.calls().matching("POST", TOKEN).size();
        SANDBOX.faults().add(FaultRule.body(path, 403, """
                {"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided has expired."}]}
                """));
        Map<String, Object> event = event(orderId);
        var accepted = api().post("/api/shipments", json(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String eventId = (String) event.get("eventId");

        awaitState(eventId, "PUSHED");
        // A later attempt of the row, not an immediate retry, and one new token between the two.
        assertThat(SANDBOX.calls().matching("POST", path)).extracting(RecordedCall::status).containsExactly(403, 204);
        assertThat(row(eventId).get("attempts")).isEqualTo(2);
        assertThat(SANDBOX.calls().matching("POST", TOKEN).size()).isGreaterThan(tokensBefore);
    }
}
