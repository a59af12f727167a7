package com.marketplaceconnect.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Stack traces with secrets redacted from their messages, spaced like Spring Boot's %wEx. */
public class RedactingThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return "\n" + Redaction.redact(super.throwableProxyToString(tp));
    }
}
