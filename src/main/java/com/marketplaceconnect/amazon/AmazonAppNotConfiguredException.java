package com.marketplaceconnect.amazon;

/** The Amazon app's own settings (amazon.oauth.*) are missing: an operator has to set them. */
public class AmazonAppNotConfiguredException extends com.marketplaceconnect.connectors.ConnectorNotConfiguredException {
    public AmazonAppNotConfiguredException(String message) {
        super(message);
    }
}
