package com.marketplaceconnect.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MarketplaceSandbox} runs. {@code timeFactor} multiplies every rate-limit refill so the real
 * usage plans can be exercised in seconds; the sandbox {@code clock} drives token, code and page-token expiry.
 */
public record SandboxSettings(int port, Clock clock, double timeFactor, boolean rateLimitsEnabled,
                              Duration accessTokenLifetime, String lwaClientId, String lwaClientSecret) {

    public static final String DEFAULT_CLIENT_ID = "amzn1.application-oa2-client.sandbox";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-lwa-secret";

    public SandboxSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(lwaClientId, "lwaClientId");
        Objects.requireNonNull(lwaClientSecret, "lwaClientSecret");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (!(timeFactor > 0) || Double.isInfinite(timeFactor)) throw new IllegalArgumentException("timeFactor must be > 0");
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero())
            throw new IllegalArgumentException("accessTokenLifetime must be positive");
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(0, Clock.systemUTC(), 1.0, true, Duration.ofSeconds(3600),
                DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    }

    public SandboxSettings withPort(int port) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    public SandboxSettings withClock(Clock clock) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    public SandboxSettings withTimeFactor(double timeFactor) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    public SandboxSettings withRateLimitsEnabled(boolean rateLimitsEnabled) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    public SandboxSettings withAccessTokenLifetime(Duration accessTokenLifetime) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    public SandboxSettings withLwaClient(String lwaClientId, String lwaClientSecret) {
        return new SandboxSettings(port, clock, timeFactor, rateLimitsEnabled, accessTokenLifetime, lwaClientId, lwaClientSecret);
    }

    /** Never print the client secret. */
    @Override
    public String toString() {
        return "SandboxSettings[port=" + port + ", clock=" + clock + ", timeFactor=" + timeFactor
                + ", rateLimitsEnabled=" + rateLimitsEnabled + ", accessTokenLifetime=" + accessTokenLifetime
                + ", lwaClientId=" + lwaClientId + ", lwaClientSecret=***]";
    }
}
