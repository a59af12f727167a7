package com.marketplaceconnect.credentials;

/** An encrypted credential document and the id of the key that sealed it. */
public record SealedCredentials(byte[] ciphertext, String keyId) {
}
