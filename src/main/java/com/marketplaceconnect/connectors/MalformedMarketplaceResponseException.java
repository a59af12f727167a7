package com.marketplaceconnect.connectors;

import java.io.IOException;

/** A marketplace answered 2xx with a body that breaks its contract; retried like an I/O error. */
public class MalformedMarketplaceResponseException extends IOException {
    public MalformedMarketplaceResponseException(String message) {
        super(message);
    }
}
