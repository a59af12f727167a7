package com.marketplaceconnect.sandbox.amazon;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets per (operation, selling partner), sized like Amazon's usage plans. Time is the sandbox clock
 * sped up by {@code timeFactor}, so a test can refill by advancing a {@code MutableClock} or by a large factor.
 */
final class SpApiRateLimiter {

    private record Key(SpApiOperation operation, String sellingPartnerId) {
    }

    private final boolean enabled;
    private final TimeMeter timeMeter;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    SpApiRateLimiter(Clock clock, double timeFactor, boolean enabled) {
        this.enabled = enabled;
        this.timeMeter = new ScaledClockTimeMeter(clock, timeFactor);
    }

    /** True when the call may proceed (and consumes a token). */
    boolean tryAcquire(SpApiOperation operation, String sellingPartnerId) {
        if (!enabled) return true;
        return buckets.computeIfAbsent(new Key(operation, sellingPartnerId), k -> newBucket(operation)).tryConsume(1);
    }

    private Bucket newBucket(SpApiOperation op) {
        long nanosPerToken = Math.round(1_000_000_000d / op.ratePerSecond);
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(op.burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)))
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    /** Nanoseconds of sandbox-clock time since start, times the factor; never goes backwards. */
    private static final class ScaledClockTimeMeter implements TimeMeter {
        private final Clock clock;
        private final double factor;
        private final Instant start;
        private final AtomicLong last = new AtomicLong();

        ScaledClockTimeMeter(Clock clock, double factor) {
            this.clock = clock;
            this.factor = factor;
            this.start = clock.instant();
        }

        @Override
        public long currentTimeNanos() {
            double elapsed = Duration.between(start, clock.instant()).toNanos() * factor;
            long scaled = elapsed >= Long.MAX_VALUE / 2d ? Long.MAX_VALUE / 2 : (long) elapsed;
            return last.accumulateAndGet(scaled, Math::max);
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
