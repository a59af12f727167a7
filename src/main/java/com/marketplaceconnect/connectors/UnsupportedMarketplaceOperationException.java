package com.marketplaceconnect.connectors;

/** A request a marketplace does not support: answered 422 by the API, naming the field at fault. */
public class UnsupportedMarketplaceOperationException extends RuntimeException {
    private final String field;

    public UnsupportedMarketplaceOperationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
