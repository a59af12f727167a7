package com.marketplaceconnect.sandbox.shopify;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A shop's GraphQL Admin API cost bucket (Shopify's leaky bucket): {@code maximumAvailable} points, restored at
 * {@code restoreRate} a second. A query takes its requested cost up front and gets back the difference to its actual
 * cost; one asking for more than is available is answered THROTTLED and takes nothing. Time passes with the sandbox
 * clock or the wall clock, whichever moved further, times the sandbox's time factor.
 */
public final class ShopThrottle {

    /** What a query was charged and what the bucket holds afterwards. */
    record Charge(boolean allowed, int requested, double currentlyAvailable, int maximumAvailable, int restoreRate) {
    }

    private final Supplier<ShopifySettings> settings;
    private final SandboxTime time;
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();
    private double available;
    private double lastSeconds;

    ShopThrottle(Supplier<ShopifySettings> settings, Clock clock, double timeFactor) {
        this.settings = settings;
        this.time = new SandboxTime(clock, timeFactor);
        this.available = settings.get().maximumAvailable();
    }

    synchronized Charge charge(int requested) {
        restore();
        ShopifySettings s = settings.get();
        queries.incrementAndGet();
        if (s.throttleEnabled() && requested > available) {
            throttled.incrementAndGet();
            return new Charge(false, requested, available, s.maximumAvailable(), s.restoreRate());
        }
        available = Math.max(0, available - requested);
        return new Charge(true, requested, available, s.maximumAvailable(), s.restoreRate());
    }

    /** Gives back points a query did not use (requested − actual). */
    synchronized double refund(int points) {
        restore();
        available = Math.min(settings.get().maximumAvailable(), available + Math.max(0, points));
        return available;
    }

    /** Points available now. */
    public synchronized double currentlyAvailable() {
        restore();
        return available;
    }

    /** Sets the points available now (e.g. 0 to make the next query THROTTLED). */
    public synchronized void setCurrentlyAvailable(double points) {
        restore();
        available = Math.max(0, Math.min(settings.get().maximumAvailable(), points));
    }

    /** A full bucket and the counters at 0. */
    public synchronized void reset() {
        restore();
        available = settings.get().maximumAvailable();
        throttled.set(0);
        queries.set(0);
    }

    /** How many queries were answered THROTTLED since the start or the last reset. */
    public int throttledCount() {
        return throttled.get();
    }

    /** How many queries were charged (throttled or not). */
    public int queryCount() {
        return queries.get();
    }

    private void restore() {
        double elapsed = time.seconds();
        if (elapsed > lastSeconds) {
            ShopifySettings s = settings.get();
            available = Math.min(s.maximumAvailable(), available + (elapsed - lastSeconds) * s.restoreRate());
            lastSeconds = elapsed;
        }
    }
}
