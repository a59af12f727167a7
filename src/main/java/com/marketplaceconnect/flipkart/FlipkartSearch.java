package com.marketplaceconnect.flipkart;

import java.util.List;

/**
 * One kind of shipment the sync searches for in its window. Flipkart needs several: pre-dispatch shipments are
 * listed without the held ones unless {@code hold} is true, and cancelled ones one cancellation type at a time.
 */
public record FlipkartSearch(String type, List<String> states, boolean hold, String cancellationType) {

    public static final List<String> PRE_DISPATCH = List.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH");
    public static final List<String> POST_DISPATCH = List.of("SHIPPED", "DELIVERED", "PICKUP_COMPLETE");

    /** Every search of one sync, in order: open shipments first, then the ones that moved on. */
    public static final List<FlipkartSearch> ALL = List.of(
            new FlipkartSearch("preDispatch", PRE_DISPATCH, false, null),
            new FlipkartSearch("preDispatch", PRE_DISPATCH, true, null),
            new FlipkartSearch("postDispatch", POST_DISPATCH, false, null),
            new FlipkartSearch("cancelled", null, false, "sellerCancellation"),
            new FlipkartSearch("cancelled", null, false, "buyerCancellation"),
            new FlipkartSearch("cancelled", null, false, "marketplaceCancellation"));

    /** Cancelled shipments need no address: their orders are not going anywhere. */
    public boolean needsDetails() {
        return !"cancelled".equals(type);
    }
}
