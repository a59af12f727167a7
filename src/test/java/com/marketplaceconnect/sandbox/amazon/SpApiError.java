package com.marketplaceconnect.sandbox.amazon;

/** An SP-API error answer, thrown by validation and turned into {@code {"errors":[...]}} by the handler. */
final class SpApiError extends RuntimeException {

    final int status;
    final String code;
    final String details;

    SpApiError(int status, String code, String message, String details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static SpApiError invalidInput(String message) {
        return new SpApiError(400, "InvalidInput", message, "");
    }

    static SpApiError invalidInput(String message, String details) {
        return new SpApiError(400, "InvalidInput", message, details);
    }

    static SpApiError notFound(String message) {
        return new SpApiError(404, "NotFound", message, "");
    }
}
