package com.marketplaceconnect.sandbox;

/** What a {@link FaultRule} does to a matching request. */
public enum FaultKind {
    /** 500 with an SP-API errors body. */
    HTTP_500,
    /** 503 with an SP-API errors body. */
    HTTP_503,
    /** 200 with a JSON body cut off half-way. */
    MALFORMED_JSON,
    /** Waits {@link FaultRule#delay()} and then handles the request normally. */
    SLOW,
    /** 429 with the QuotaExceeded body. */
    THROTTLE_429,
    /** Closes the connection without sending a response. */
    CLOSE_CONNECTION,
    /** Answers with {@link FaultRule#status()} and {@link FaultRule#body()} as given: a response that breaks the contract. */
    CUSTOM_BODY
}
