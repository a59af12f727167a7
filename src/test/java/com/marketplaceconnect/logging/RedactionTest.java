package com.marketplaceconnect.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RedactionTest {

    @Test
    void redactsTokensKeysAndSecretPairs() {
        assertThat(Redaction.redact("token Atza|IwEBIA+x/y=z and Atzr|IwEBIB-refresh")).doesNotContain("IwEBI");
        assertThat(Redaction.redact("Authorization: Bearer abc.def-ghi")).isEqualTo("Authorization: Bearer ***");
        assertThat(Redaction.redact("grant_type=refresh_token&refresh_token=xyz&client_secret=s3cr3t"))
                .doesNotContain("xyz").doesNotContain("s3cr3t").contains("grant_type=refresh_token");
        assertThat(Redaction.redact("{\"appSecret\":\"hunter2\",\"sellerId\":\"S1\"}")).doesNotContain("hunter2").contains("S1");
        assertThat(Redaction.redact("shpat_0123456789abcdef0123 ck_0123456789abcdef0123456789abcdef01234567"))
                .doesNotContain("0123456789abcdef0123");
        assertThat(Redaction.redact("order 402-1234567-1234567 synced")).isEqualTo("order 402-1234567-1234567 synced");
    }

    @Test
    void theLoggingLayerRedactsMessagesAndStackTraces(CapturedOutput output) {
        var log = LoggerFactory.getLogger(RedactionTest.class);
        log.warn("refreshing with refresh_token=Atzr|leak-one");
        log.error("failed", new IllegalStateException("client_secret=leak-two"));
        assertThat(output.getAll()).doesNotContain("leak-one").doesNotContain("leak-two").contains("refreshing with");
    }
}
