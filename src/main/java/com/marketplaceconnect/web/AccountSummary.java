package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.AccountStatus;
import com.marketplaceconnect.accounts.SellerAccount;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An account as the page shows it: its status in words with what to do about it, the last successful sync and how far
 * behind that is (the sync lag), the enabled marketplaces by name.
 */
public record AccountSummary(SellerAccount account, String marketplaceName, String statusHelp, String syncLag,
                             List<String> marketplaceLabels) {

    static AccountSummary of(SellerAccount a, String marketplaceName, Instant now, java.util.function.Function<String, String> label) {
        return new AccountSummary(a, marketplaceName, help(a, marketplaceName), lag(a.lastSuccessfulSyncAt(), now),
                a.marketplaces().stream().map(label).toList());
    }

    public boolean connected() {
        return account.status() == AccountStatus.CONNECTED;
    }

    /** Connect again: the same marketplace account is reconnected (its orders kept). */
    public boolean reconnect() {
        return account.status() == AccountStatus.NEEDS_REAUTH || account.status() == AccountStatus.DISCONNECTED;
    }

    public String statusClass() {
        return "status-" + account.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String help(SellerAccount a, String name) {
        String reason = a.statusReason() == null || a.statusReason().isBlank() ? "" : " " + a.statusReason();
        return switch (a.status()) {
            case CONNECTED -> "Orders are synced on schedule; Sync Orders pulls them now.";
            case NEEDS_REAUTH -> name + " no longer accepts the stored authorization." + reason
                    + " What to do: press Reconnect and authorize again; the same account is reconnected and its orders are kept.";
            case DISCONNECTED -> "Disconnected: the credentials are erased, the orders are kept. Connect it again to resume syncing.";
            case ERROR -> "Not syncing:" + (reason.isEmpty() ? " an error other than the authorization." : reason);
        };
    }

    /** "4 min", "2 h 5 min", "3 d"; "never synced". */
    static String lag(Instant last, Instant now) {
        if (last == null) {
            return "never synced";
        }
        Duration d = Duration.between(last, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "under a minute";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }
}
