package com.marketplaceconnect.sync;

import java.time.Instant;
import java.util.List;

/** One stretch of marketplace time to fetch: marketplaces that share a watermark, [from, to]. */
public record SyncWindow(List<String> marketplaceCodes, List<String> marketplaceIds, Instant from, Instant to) {
}
