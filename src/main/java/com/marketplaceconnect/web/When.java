package com.marketplaceconnect.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the page shows them (templates: {@code ${@when.format(t)}}): "2026-12-06 04:31 UTC", "—" for none. */
@Component("when")
public class When {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String format(Instant instant) {
        return instant == null ? "—" : FORMAT.format(instant);
    }
}
