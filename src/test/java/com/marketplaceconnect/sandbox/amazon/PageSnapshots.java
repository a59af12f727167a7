package com.marketplaceconnect.sandbox.amazon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordered ids a search matched when its first page was served. Later pages read from this list, so an
 * order updated between page requests neither disappears from nor moves within the result: paging is stable.
 * Kept 24 hours after last use (sandbox clock), at most {@value #MAX_SNAPSHOTS} at once (least recently used go).
 */
final class PageSnapshots {

    static final int MAX_SNAPSHOTS = 64;
    static final Duration LIFETIME = Duration.ofHours(24);

    static final class Snapshot {
        final String id;
        final List<String> orderIds;
        final String beforeField;
        final Instant effectiveBefore;
        volatile Instant lastUsed;

        Snapshot(String id, List<String> orderIds, String beforeField, Instant effectiveBefore, Instant now) {
            this.id = id;
            this.orderIds = orderIds;
            this.beforeField = beforeField;
            this.effectiveBefore = effectiveBefore;
            this.lastUsed = now;
        }
    }

    private final Clock clock;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    PageSnapshots(Clock clock) {
        this.clock = clock;
    }

    Snapshot create(List<String> orderIds, String beforeField, Instant effectiveBefore) {
        Instant now = clock.instant();
        snapshots.values().removeIf(s -> s.lastUsed.plus(LIFETIME).isBefore(now));
        while (snapshots.size() >= MAX_SNAPSHOTS) {
            snapshots.values().stream().min(Comparator.comparing(s -> s.lastUsed))
                    .ifPresent(oldest -> snapshots.remove(oldest.id));
        }
        Snapshot s = new Snapshot(UUID.randomUUID().toString().replace("-", ""), List.copyOf(orderIds), beforeField,
                effectiveBefore, now);
        snapshots.put(s.id, s);
        return s;
    }

    /** The snapshot, or null when unknown or expired. */
    Snapshot get(String id) {
        Snapshot s = snapshots.get(id);
        if (s == null) return null;
        Instant now = clock.instant();
        if (s.lastUsed.plus(LIFETIME).isBefore(now)) {
            snapshots.remove(id);
            return null;
        }
        s.lastUsed = now;
        return s;
    }
}
