package com.marketplaceconnect.connectors;

/** A connector's own app settings are missing (an operator has to set them): answered 503 by the API. */
public class ConnectorNotConfiguredException extends RuntimeException {
    public ConnectorNotConfiguredException(String message) {
        super(message);
    }
}
