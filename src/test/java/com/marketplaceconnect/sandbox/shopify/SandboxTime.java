package com.marketplaceconnect.sandbox.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Seconds elapsed for the Shopify sandbox's timers (cost bucket, webhook retries): each step counts the larger of
 * what the sandbox clock and the wall clock moved, times the time factor. With the system clock that is real time;
 * with a MutableClock, advancing it by a minute moves every timer a minute on, whatever the wall clock did.
 */
final class SandboxTime {

    private final Clock clock;
    private final double factor;
    private Instant lastClock;
    private long lastWall;
    private double elapsed;

    SandboxTime(Clock clock, double factor) {
        this.clock = clock;
        this.factor = factor;
        this.lastClock = clock.instant();
        this.lastWall = System.nanoTime();
    }

    synchronized double seconds() {
        Instant c = clock.instant();
        long w = System.nanoTime();
        long dc = Math.max(0, Duration.between(lastClock, c).toNanos());
        long dw = Math.max(0, w - lastWall);
        elapsed += Math.max(dc, dw) / 1e9 * factor;
        if (c.isAfter(lastClock)) lastClock = c;
        lastWall = w;
        return elapsed;
    }
}
