package com.marketplaceconnect.flipkart;

/** Flipkart's OAuth service refused the application credentials (HTTP 401/400 with {error, error_description}). */
public class FlipkartAuthException extends RuntimeException {
    private final String error;
    private final String description;

    public FlipkartAuthException(String error, String description) {
        super("Flipkart refused the application credentials (" + error + "): " + description);
        this.error = error;
        this.description = description;
    }

    public String error() {
        return error;
    }

    /** Flipkart's own words, e.g. "Bad credentials" or "No client with requested id: …". */
    public String description() {
        return description;
    }

    /** The application id itself is unknown (rather than the secret being wrong). */
    public boolean unknownApplication() {
        return description != null && description.startsWith("No client with requested id");
    }
}
