package com.marketplaceconnect.sandbox.flipkart;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per seller for every Seller API call. Flipkart publishes no numbers; the default (10 requests a
 * second, bursts of 20) is a plausible stand-in. Time passes with the wall clock or the sandbox clock, whichever has
 * moved further (times the time factor), so a test refills a bucket by advancing a MutableClock, or just by waiting.
 */
final class FlipkartRateLimiter {

    static final double DEFAULT_RATE_PER_SECOND = 10;
    static final int DEFAULT_BURST = 20;

    private final boolean enabled;
    private final TimeMeter timeMeter;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile double ratePerSecond = DEFAULT_RATE_PER_SECOND;
    private volatile int burst = DEFAULT_BURST;

    FlipkartRateLimiter(Clock clock, double timeFactor, boolean enabled) {
        this.enabled = enabled;
        this.timeMeter = new SandboxTimeMeter(clock, timeFactor);
    }

    void configure(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        buckets.clear();
    }

    boolean tryAcquire(String sellerId) {
        if (!enabled) return true;
        return buckets.computeIfAbsent(sellerId, k -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        long nanosPerToken = Math.max(1, Math.round(1_000_000_000d / ratePerSecond));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)))
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    private static final class SandboxTimeMeter implements TimeMeter {
        private final Clock clock;
        private final double factor;
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final AtomicLong last = new AtomicLong();

        SandboxTimeMeter(Clock clock, double factor) {
            this.clock = clock;
            this.factor = factor;
            this.start = clock.instant();
        }

        @Override
        public long currentTimeNanos() {
            long elapsed = Math.max(Duration.between(start, clock.instant()).toNanos(), System.nanoTime() - startNanos);
            double scaled = elapsed * factor;
            long value = scaled >= Long.MAX_VALUE / 2d ? Long.MAX_VALUE / 2 : (long) scaled;
            return last.accumulateAndGet(value, Math::max);
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
