package com.marketplaceconnect.accounts;

/** The marketplace refused the account's stored authorization: the seller has to connect again. */
public class ReauthorizationRequiredException extends RuntimeException {
    public ReauthorizationRequiredException(String message) {
        super(message);
    }
}
