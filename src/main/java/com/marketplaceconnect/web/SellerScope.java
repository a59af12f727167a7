package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.security.AppUser;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a page user may see and act on: staff every account, a seller only the accounts carrying their sellerReference.
 * Every page, action and JSON endpoint of /app goes through here; anything else is "not found" (never "forbidden",
 * which would tell that the account exists).
 */
@Component
public class SellerScope {
    private final AccountRepository accounts;

    public SellerScope(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public List<SellerAccount> accounts(AppUser user) {
        return accounts.list().stream().filter(a -> visible(user, a)).toList();
    }

    public Set<Long> accountIds(AppUser user) {
        return accounts(user).stream().map(SellerAccount::id).collect(Collectors.toSet());
    }

    /** The account, when this user may see it; else 404. */
    public SellerAccount account(AppUser user, long accountId) {
        return accounts.find(accountId).filter(a -> visible(user, a))
                .orElseThrow(() -> new PageNotFoundException("No account " + accountId + " among yours"));
    }

    public boolean visible(AppUser user, Long accountId) {
        return accountId != null && accounts.find(accountId).filter(a -> visible(user, a)).isPresent();
    }

    static boolean visible(AppUser user, SellerAccount account) {
        return user.staff() || (user.sellerReference() != null && Objects.equals(user.sellerReference(), account.sellerReference()));
    }
}
