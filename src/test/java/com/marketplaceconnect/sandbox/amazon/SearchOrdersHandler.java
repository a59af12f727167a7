package com.marketplaceconnect.sandbox.amazon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /orders/2026-01-01/orders}. The first page computes and snapshots the ordered matching ids
 * (oldest first by the filtered date, ties by orderId); a pagination token points into that snapshot.
 */
final class SearchOrdersHandler {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private record Match(Instant key, String orderId) {
    }

    private final OrderStore store;
    private final Clock clock;
    private final PageSnapshots snapshots;
    private final PaginationTokens tokens = new PaginationTokens();
    private final Function<String, String> sellerRegion;

    SearchOrdersHandler(OrderStore store, Clock clock, Function<String, String> sellerRegion) {
        this.store = store;
        this.clock = clock;
        this.snapshots = new PageSnapshots(clock);
        this.sellerRegion = sellerRegion;
    }

    SandboxResponse handle(SandboxRequest request, String sellingPartnerId) {
        Instant now = clock.instant();
        int maxResults = maxResultsPerPage(request.queryParam("maxResultsPerPage"));
        Set<IncludedData> included = IncludedData.parse(request.queryList("includedData"));
        SearchCriteria criteria = new SearchCriteria(request);
        String fingerprint = criteria.fingerprint(sellingPartnerId);

        PageSnapshots.Snapshot snapshot;
        int offset;
        String token = request.queryParam("paginationToken");
        if (token != null) {
            PaginationTokens.Position position = tokens.decode(token);
            if (position.issuedAt().plus(TOKEN_LIFETIME).isBefore(now)) {
                throw SpApiError.invalidInput("The paginationToken has expired. Pagination tokens are valid for 24 hours; "
                        + "repeat the search without paginationToken.", "");
            }
            if (!position.fingerprint().equals(fingerprint)) {
                throw SpApiError.invalidInput("When paginationToken is used, all other parameters except maxResultsPerPage "
                        + "and includedData must be identical to the original request.");
            }
            snapshot = snapshots.get(position.snapshotId());
            if (snapshot == null) throw PaginationTokens.undecodable();
            offset = position.offset();
        } else {
            SearchCriteria.Parsed parsed = criteria.validate(now, sellerRegion.apply(sellingPartnerId));
            List<String> ids = match(parsed, sellingPartnerId);
            // a single page needs no token, so it is not kept
            snapshot = ids.size() > maxResults
                    ? snapshots.create(ids, parsed.beforeField(), parsed.before())
                    : new PageSnapshots.Snapshot("single-page", ids, parsed.beforeField(), parsed.before(), now);
            offset = 0;
        }

        // Written as the JSON tree {orders, pagination?, <before field>} would be, from each order's cached text.
        StringWriter text = new StringWriter(16 * 1024);
        try (JsonGenerator body = SpApiResponses.JSON.getFactory().createGenerator(text)) {
            body.writeStartObject();
            body.writeArrayFieldStart("orders");
            int end = Math.min(snapshot.orderIds.size(), offset + maxResults);
            for (int i = offset; i < end; i++) {
                StoredOrder order = store.get(snapshot.orderIds.get(i));
                if (order != null) body.writeRawValue(OrderJson.renderText(order, included));
            }
            body.writeEndArray();
            if (end < snapshot.orderIds.size()) {
                body.writeObjectFieldStart("pagination");
                body.writeStringField("nextToken", tokens.encode(new PaginationTokens.Position(snapshot.id, end, fingerprint, now)));
                body.writeEndObject();
            }
            body.writeStringField(snapshot.beforeField, OrderJson.time(snapshot.effectiveBefore));
            body.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SpApiResponses.ok(SpApiOperation.SEARCH_ORDERS, text.toString());
    }

    private List<String> match(SearchCriteria.Parsed c, String sellingPartnerId) {
        List<Match> matches = new ArrayList<>();
        for (StoredOrder order : store.forSeller(sellingPartnerId)) {
            if (!c.marketplaceIds().contains(order.marketplace.id())) continue;
            Instant key = c.byCreated() ? order.createdTime : order.lastUpdatedTime();
            if (key.isBefore(c.after()) || key.isAfter(c.before())) continue;
            if (c.statuses() != null && !c.statuses().contains(order.fulfillmentStatus())) continue;
            if (c.fulfilledBy() != null && !c.fulfilledBy().contains(order.fulfilledBy)) continue;
            matches.add(new Match(key, order.orderId));
        }
        Match[] sorted = matches.toArray(new Match[0]);
        Arrays.sort(sorted, Comparator.comparing(Match::key).thenComparing(Match::orderId));
        List<String> ids = new ArrayList<>(sorted.length);
        for (Match m : sorted) ids.add(m.orderId());
        return ids;
    }

    private static int maxResultsPerPage(String value) {
        if (value == null) return 100;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 100) return n;
        } catch (NumberFormatException ignored) {
            // fall through to the 400
        }
        throw SpApiError.invalidInput("Invalid maxResultsPerPage: " + value + ". It must be an integer from 1 to 100.");
    }
}
