package com.marketplaceconnect.accounts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * One-time OAuth states: 256 random bits, handed to the marketplace in the consent URL and checked on the callback.
 * The table keeps a SHA-256 of each state, never the state. A state is consumed by a single conditional update, so
 * two callbacks racing with the same state cannot both pass.
 */
@Repository
public class OAuthStates {
    private static final int STATE_BYTES = 32;
    /** Spent and expired states are kept this long (for support questions), then deleted. */
    private static final Duration KEEP = Duration.ofDays(7);

    /** What the flow's start knew and the callback needs. */
    public record PendingAuthorization(String marketplace, String region, String marketplaceCode,
                                       String sellerReference, String redirectUri, String returnUrl) {
    }

    public record IssuedState(String state, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedState[expiresAt=" + expiresAt + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuthStates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public IssuedState issue(PendingAuthorization pending, Duration ttl) {
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        jdbc.update("delete from oauth_state where expires_at < ?", Timestamp.from(now.minus(KEEP)));
        jdbc.update("""
                insert into oauth_state (state_hash, marketplace, region, marketplace_code, seller_reference, redirect_uri,
                                         return_url, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, hash(state), pending.marketplace(), pending.region(), pending.marketplaceCode(),
                pending.sellerReference(), pending.redirectUri(), pending.returnUrl(), Timestamp.from(now), Timestamp.from(expiresAt));
        return new IssuedState(state, expiresAt);
    }

    /** Uses the state up: what it was issued for, or empty when it is unknown, expired or already used. */
    public Optional<PendingAuthorization> consume(String state) {
        if (state == null || state.isEmpty() || state.length() > 512) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("""
                update oauth_state set used_at = ?
                 where state_hash = ? and used_at is null and expires_at > ?
                returning marketplace, region, marketplace_code, seller_reference, redirect_uri, return_url
                """, (rs, n) -> new PendingAuthorization(rs.getString("marketplace"), rs.getString("region"),
                        rs.getString("marketplace_code"), rs.getString("seller_reference"), rs.getString("redirect_uri"),
                        rs.getString("return_url")),
                now, hash(state), now).stream().findFirst();
    }

    static byte[] hash(String state) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
