package com.marketplaceconnect.amazon;

/** Login with Amazon refused a request for a reason that retrying will not fix. */
public class LwaException extends RuntimeException {
    private final String error;

    public LwaException(String error, String message) {
        super(message);
        this.error = error;
    }

    /** The OAuth error code LWA answered with (invalid_client, invalid_grant, unsupported_grant_type ...). */
    public String error() {
        return error;
    }

    public boolean clientSecretNeedsRotation() {
        return "invalid_client".equals(error);
    }
}
