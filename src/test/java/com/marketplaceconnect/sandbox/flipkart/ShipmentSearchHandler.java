package com.marketplaceconnect.sandbox.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.sandbox.http.FormCodec;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST /sellers/v3/shipments/filter} and {@code GET /sellers/v3/shipments/filter?next_token=…}. The first
 * page snapshots the ordered matching shipment ids; {@code nextPageUrl} (relative to {@code /sellers}, present even
 * on the last page) carries a base64 JSON token pointing into that snapshot. {@code GET /sellers/v3/shipments/{ids}}
 * returns shipment details, at most 100 ids a call.
 */
final class ShipmentSearchHandler {

    static final int MAX_DETAIL_IDS = 100;
    private static final int SNAPSHOTS_KEPT = 2_000;

    private record Snapshot(String sellerId, String filterType, List<String> shipmentIds, int pageSize) {
    }

    private final ShipmentStore store;
    private final Function<String, ObjectNode> sellerAddress;
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > SNAPSHOTS_KEPT;
        }
    };

    ShipmentSearchHandler(ShipmentStore store, Function<String, ObjectNode> sellerAddress) {
        this.store = store;
        this.sellerAddress = sellerAddress;
    }

    SandboxResponse search(SandboxRequest request, String sellerId) {
        JsonNode body;
        try {
            body = FlipkartJson.JSON.readTree(request.body() == null || request.body().isBlank() ? "null" : request.body());
        } catch (Exception e) {
            throw FlipkartError.badRequest("Request body is not valid JSON", null);
        }
        ShipmentFilter filter = ShipmentFilter.parse(body);
        List<StoredShipment> matches = new ArrayList<>();
        for (StoredShipment s : store.forSeller(sellerId)) {
            if (filter.matches(s)) matches.add(s);
        }
        matches.sort(filter.order());
        String id = UUID.randomUUID().toString();
        Snapshot snapshot = new Snapshot(sellerId, filter.type(), matches.stream().map(s -> s.shipmentId).toList(), filter.pageSize());
        synchronized (snapshots) {
            snapshots.put(id, snapshot);
        }
        return page(id, snapshot, 0);
    }

    SandboxResponse next(SandboxRequest request, String sellerId) {
        String nextToken = request.queryParam("next_token");
        if (nextToken == null || nextToken.isBlank()) throw FlipkartError.badRequest("next_token is mandatory", "next_token");
        String snapshotId;
        int offset;
        String owner;
        try {
            // '+' in an unencoded token arrives as a space after query decoding
            JsonNode token = FlipkartJson.JSON.readTree(Base64.getDecoder().decode(nextToken.replace(' ', '+')));
            owner = token.path("sellerId").asText();
            String[] position = token.path("token").asText().split(":");
            snapshotId = position[0];
            offset = Integer.parseInt(position[1]);
        } catch (Exception e) {
            throw FlipkartError.badRequest("Invalid next_token", "next_token");
        }
        Snapshot snapshot;
        synchronized (snapshots) {
            snapshot = snapshots.get(snapshotId);
        }
        if (snapshot == null || !owner.equals(sellerId) || !snapshot.sellerId().equals(sellerId) || offset < 0) {
            throw FlipkartError.badRequest("Invalid next_token", "next_token");
        }
        return page(snapshotId, snapshot, offset);
    }

    private SandboxResponse page(String snapshotId, Snapshot snapshot, int offset) {
        int end = Math.min(snapshot.shipmentIds().size(), offset + snapshot.pageSize());
        ObjectNode body = FlipkartJson.JSON.createObjectNode();
        body.put("hasMore", end < snapshot.shipmentIds().size());
        body.put("nextPageUrl", "/v3/shipments/filter?next_token=" + FormCodec.encode(token(snapshotId, snapshot, end)));
        ArrayNode shipments = body.putArray("shipments");
        for (int i = Math.min(offset, end); i < end; i++) {
            StoredShipment s = store.get(snapshot.shipmentIds().get(i));
            if (s != null) shipments.add(FlipkartJson.shipment(s));
        }
        return FlipkartJson.ok(body);
    }

    private static String token(String snapshotId, Snapshot snapshot, int offset) {
        ObjectNode token = FlipkartJson.JSON.createObjectNode();
        token.put("filterType", snapshot.filterType());
        token.put("sellerId", snapshot.sellerId());
        token.put("token", snapshotId + ":" + offset);
        token.put("view", "DEFAULT");
        token.put("template", "DEFAULT");
        return Base64.getEncoder().encodeToString(FlipkartJson.write(token).getBytes(StandardCharsets.UTF_8));
    }

    SandboxResponse details(String ids, String sellerId) {
        List<String> list = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) list.add(id.trim());
        }
        if (list.isEmpty()) throw FlipkartError.badRequest("shipmentIds is mandatory", "shipmentIds");
        if (list.size() > MAX_DETAIL_IDS) {
            throw FlipkartError.badRequest("At most " + MAX_DETAIL_IDS + " shipmentIds are allowed, got " + list.size(), "shipmentIds");
        }
        ObjectNode body = FlipkartJson.JSON.createObjectNode();
        ArrayNode shipments = body.putArray("shipments");
        for (String id : list) {
            StoredShipment s = store.getForSeller(id, sellerId);
            if (s != null) shipments.add(FlipkartJson.details(s, sellerAddress.apply(sellerId)));
        }
        return FlipkartJson.ok(body);
    }
}
