package com.marketplaceconnect.connectors;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {

    @Test
    void hexMatchesTheRfc4231Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(Signatures.hexHmacSha256("Jefe", "what do ya want for nothing?")).isEqualTo(expected);
        assertThat(Signatures.hexHmacSha256Matches("Jefe", "what do ya want for nothing?", expected.toUpperCase())).isTrue();
        assertThat(Signatures.hexHmacSha256Matches("Jefe", "what do ya want for nothing!", expected)).isFalse();
        assertThat(Signatures.hexHmacSha256Matches("Jefe", "what do ya want for nothing?", null)).isFalse();
    }

    @Test
    void base64SignsTheRawBodyOnly() {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.base64HmacSha256("secret", body);
        assertThat(Signatures.base64HmacSha256Matches("secret", body, signature)).isTrue();
        assertThat(Signatures.base64HmacSha256Matches("other", body, signature)).isFalse();
        assertThat(Signatures.base64HmacSha256Matches("secret", "{\"id\": 1}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Signatures.base64HmacSha256Matches("secret", body, "")).isFalse();
        assertThat(Signatures.base64HmacSha256Matches("", body, signature)).isFalse();
    }
}
