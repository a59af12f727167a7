package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.util.Set;

/** {@code GET /orders/2026-01-01/orders/{orderId}}: {@code {"order":{...}}}; another seller's order is a 404. */
final class GetOrderHandler {

    private final OrderStore store;

    GetOrderHandler(OrderStore store) {
        this.store = store;
    }

    SandboxResponse handle(SandboxRequest request, String orderId, String sellingPartnerId) {
        Set<IncludedData> included = IncludedData.parse(request.queryList("includedData"));
        StoredOrder order = store.getForSeller(orderId, sellingPartnerId);
        if (order == null) throw SpApiError.notFound("The order " + orderId + " was not found.");
        ObjectNode body = SpApiResponses.JSON.createObjectNode();
        body.set("order", OrderJson.render(order, included));
        return SpApiResponses.ok(SpApiOperation.GET_ORDER, body);
    }
}
