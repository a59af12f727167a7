package com.marketplaceconnect.accounts;

public class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException(long id) {
        super("No seller account " + id);
    }
}
