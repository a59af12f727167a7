package com.marketplaceconnect.accounts;

/** A request the API refuses, naming the field at fault: 400 for malformed input, 422 for input the marketplace refused. */
public class InvalidRequestException extends RuntimeException {
    private final String field;
    private final int status;

    public InvalidRequestException(String field, String message) {
        this(field, message, 400);
    }

    public InvalidRequestException(String field, String message, int status) {
        super(field + ": " + message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
