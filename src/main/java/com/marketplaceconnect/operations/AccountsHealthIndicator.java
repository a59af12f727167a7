package com.marketplaceconnect.operations;

import com.marketplaceconnect.accounts.AccountStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health component "accounts": the marketplace accounts by status. DEGRADED (HTTP 200, see
 * management.endpoint.health.status.*) while any account needs re-authorization or is in error: the service works,
 * some sellers' syncs do not. Details (operators only): counts by status and the ids of the accounts needing
 * re-authorization and in error (at most {@value #MAX_IDS} each). In the "marketplaces" health group, never in
 * liveness or readiness: a seller's revoked consent must not restart or unroute the service.
 */
@Component("accounts")
public class AccountsHealthIndicator implements HealthIndicator {
    public static final Status DEGRADED = new Status("DEGRADED", "The service works, but a part of it (a marketplace account, Kafka) needs attention: see the components");
    static final int MAX_IDS = 100;

    private final JdbcTemplate jdbc;

    public AccountsHealthIndicator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AccountStatus status : AccountStatus.values()) {
            counts.put(status.name(), 0);
        }
        jdbc.query("select status, count(*) from seller_account group by status", rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        List<Long> needsReauth = ids(AccountStatus.NEEDS_REAUTH);
        List<Long> inError = ids(AccountStatus.ERROR);
        Health.Builder health = needsReauth.isEmpty() && inError.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("counts", counts)
                .withDetail("needsReauthorization", needsReauth)
                .withDetail("inError", inError)
                .build();
    }

    private List<Long> ids(AccountStatus status) {
        return jdbc.queryForList("select id from seller_account where status = ? order by id limit " + MAX_IDS, Long.class, status.name());
    }
}
