package com.marketplaceconnect.sandbox.flipkart;

/** A 4xx answer of the Seller API, thrown by validation and rendered by {@link FlipkartJson#error}. */
final class FlipkartError extends RuntimeException {

    final int status;
    final String path;

    FlipkartError(int status, String description, String path) {
        super(description, null, false, false);
        this.status = status;
        this.path = path;
    }

    static FlipkartError badRequest(String description, String path) {
        return new FlipkartError(400, description, path);
    }
}
