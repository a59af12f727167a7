package com.marketplaceconnect.sync;

import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Watermarks per account and marketplace. A watermark moves only after every page of its window is committed,
 * and never backwards, so a crash anywhere before it leaves the window to be fetched again.
 */
@Component("syncCursors")
public class SyncCursors {
    public static final String WINDOW = "syncWindow";

    private final JdbcTemplate jdbc;

    public SyncCursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The window of a marketplace with one code per account (Flipkart, Shopify, WooCommerce): from its watermark minus
     * {@code overlap} (no watermark yet: {@code initialWindow} back) to {@code to}, never empty.
     */
    public SyncWindow singleCodeWindow(long accountId, String marketplaceCode, Instant to,
                                       java.time.Duration initialWindow, java.time.Duration overlap) {
        Instant watermark = watermarks(accountId).get(marketplaceCode);
        Instant from = watermark == null ? to.minus(initialWindow) : watermark.minus(overlap);
        if (!from.isBefore(to)) {
            from = to.minusSeconds(1);
        }
        return new SyncWindow(java.util.List.of(marketplaceCode), java.util.List.of(marketplaceCode), from, to);
    }

    public Map<String, Instant> watermarks(long accountId) {
        Map<String, Instant> result = new HashMap<>();
        jdbc.query("select marketplace_code, watermark from sync_cursor where account_id = ?",
                rs -> {
                    result.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, accountId);
        return result;
    }

    /** Route step after the last page of a window. */
    public void advance(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        SyncWindow window = exchange.getProperty(WINDOW, SyncWindow.class);
        for (String code : window.marketplaceCodes()) {
            advance(accountId, code, window.to());
        }
    }

    public void advance(long accountId, String marketplaceCode, Instant watermark) {
        jdbc.update("""
                insert into sync_cursor (account_id, marketplace_code, watermark) values (?, ?, ?)
                on conflict (account_id, marketplace_code)
                do update set watermark = greatest(sync_cursor.watermark, excluded.watermark), updated_at = now()
                """, accountId, marketplaceCode, Timestamp.from(watermark));
    }
}
