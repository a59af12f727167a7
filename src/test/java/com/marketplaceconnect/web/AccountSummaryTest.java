package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.accounts.SellerAccount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the page says about an account's status (and what to do about it) and its sync lag. */
class AccountSummaryTest {
    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");

    private static AccountSummary summary(AccountStatus status, String reason, Instant lastSync) {
        SellerAccount account = new SellerAccount(7, "AMAZON", "EU", "A1SELLER", "seller-42", status, reason, List.of("IN", "UK"),
                lastSync, null, null, NOW.minus(Duration.ofDays(3)));
        return AccountSummary.of(account, "Amazon", NOW, code -> "amazon." + code.toLowerCase());
    }

    @Test
    void eachStatusSaysWhatItMeansAndWhatToDo() {
        assertThat(summary(AccountStatus.CONNECTED, null, NOW).statusHelp()).contains("synced on schedule");
        AccountSummary reauth = summary(AccountStatus.NEEDS_REAUTH, "Login with Amazon refused the refresh token (invalid_grant).", NOW);
        assertThat(reauth.statusHelp()).contains("Amazon no longer accepts the stored authorization")
                .contains("invalid_grant").contains("What to do: press Reconnect");
        assertThat(reauth.reconnect()).isTrue();
        assertThat(reauth.connected()).isFalse();
        assertThat(summary(AccountStatus.DISCONNECTED, null, NOW).statusHelp()).contains("orders are kept").contains("Connect it again");
        assertThat(summary(AccountStatus.ERROR, "The SP-API answered 400 to every search.", NOW).statusHelp())
                .isEqualTo("Not syncing: The SP-API answered 400 to every search.");
        assertThat(summary(AccountStatus.ERROR, null, NOW).reconnect()).isFalse();
        assertThat(summary(AccountStatus.NEEDS_REAUTH, null, NOW).statusClass()).isEqualTo("status-needs-reauth");
        assertThat(summary(AccountStatus.CONNECTED, null, NOW).marketplaceLabels()).containsExactly("amazon.in", "amazon.uk");
    }

    @Test
    void theSyncLagIsTheTimeSinceTheLastSuccessfulSync() {
        assertThat(AccountSummary.lag(null, NOW)).isEqualTo("never synced");
        assertThat(AccountSummary.lag(NOW.minusSeconds(30), NOW)).isEqualTo("under a minute");
        assertThat(AccountSummary.lag(NOW.minus(Duration.ofMinutes(14)), NOW)).isEqualTo("14 min");
        assertThat(AccountSummary.lag(NOW.minus(Duration.ofMinutes(125)), NOW)).isEqualTo("2 h 5 min");
        assertThat(AccountSummary.lag(NOW.minus(Duration.ofHours(75)), NOW)).isEqualTo("3 d 3 h");
    }
}
