package com.marketplaceconnect.accounts;

/** Published after an account's credentials were erased: whoever caches something of it (access tokens) drops it. */
public record AccountDisconnected(long accountId) {
}
