package com.marketplaceconnect.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.Map;

/**
 * %opsMdc: the operations MDC keys that are set, as {@code [correlationId=… accountId=… marketplace=… syncRunId=…] },
 * or nothing when none is (logback.xml puts it where Spring Boot's pattern has its correlation slot). Values are ids
 * the service set itself (a caller's X-Correlation-Id is checked first), redacted all the same.
 */
public class OperationsMdcConverter extends ClassicConverter {
    private static final String[] KEYS = {"correlationId", "accountId", "marketplace", "syncRunId"};

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        StringBuilder out = null;
        for (String key : KEYS) {
            String value = mdc.get(key);
            if (value != null && !value.isEmpty()) {
                out = out == null ? new StringBuilder("[") : out.append(' ');
                out.append(key).append('=').append(value);
            }
        }
        return out == null ? "" : Redaction.redact(out.append("] ").toString());
    }
}
