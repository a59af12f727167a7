package com.marketplaceconnect.sandbox.shopify;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orders(query:) search syntax: time comparisons, quoting, date forms, status terms. */
class OrderSearchTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ShopifyOrder order(long id, Instant updatedAt) {
        ShopifyOrder o = new ShopifyOrder(id, 1000 + (int) id, List.of(), updatedAt);
        o.updatedAt = updatedAt;
        o.processedAt = updatedAt;
        o.financialStatus = "paid";
        o.totalDiscounts = BigDecimal.ZERO;
        return o;
    }

    @Test
    void updatedAtComparisonsAreStrictOrInclusiveAsWritten() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        ShopifyOrder at = order(1, t);
        ShopifyOrder after = order(2, t.plusSeconds(1));
        assertThat(OrderSearch.parse("updated_at:>='2026-12-01T10:00:00Z'", NEW_YORK).test(at)).isTrue();
        assertThat(OrderSearch.parse("updated_at:>'2026-12-01T10:00:00Z'", NEW_YORK).test(at)).isFalse();
        assertThat(OrderSearch.parse("updated_at:>\"2026-12-01T10:00:00Z\"", NEW_YORK).test(after)).isTrue();
        assertThat(OrderSearch.parse("updated_at:>=2026-12-01T05:00:00-05:00", NEW_YORK).test(at)).isTrue();
        assertThat(OrderSearch.parse("updated_at:<2026-12-01T10:00:00Z", NEW_YORK).test(at)).isFalse();
        // a date is the shop's midnight; a time without offset is the shop's time
        assertThat(OrderSearch.parse("updated_at:>=2026-12-01", NEW_YORK).test(at)).isTrue();
        assertThat(OrderSearch.parse("updated_at:>='2026-12-01 05:00:01'", NEW_YORK).test(at)).isFalse();
        assertThat(OrderSearch.parse("updated_at:>=2026-12-01T00:00:00Z AND status:any", NEW_YORK).test(at)).isTrue();
        assertThatThrownBy(() -> OrderSearch.parse("updated_at:>=yesterday", NEW_YORK)).isInstanceOf(OrderSearch.BadQuery.class);
    }

    @Test
    void statusTermsFollowTheOrdersState() {
        ShopifyOrder open = order(1, Instant.parse("2026-12-01T10:00:00Z"));
        ShopifyOrder cancelled = order(2, Instant.parse("2026-12-01T10:00:00Z"));
        cancelled.cancelledAt = Instant.parse("2026-12-01T11:00:00Z");
        assertThat(OrderSearch.parse("status:open", NEW_YORK).test(open)).isTrue();
        assertThat(OrderSearch.parse("status:open", NEW_YORK).test(cancelled)).isFalse();
        assertThat(OrderSearch.parse("status:cancelled", NEW_YORK).test(cancelled)).isTrue();
        assertThat(OrderSearch.parse("name:#1001", NEW_YORK).test(open)).isTrue();
        assertThat(OrderSearch.parse("id:>1", NEW_YORK).test(cancelled)).isTrue();
    }
}
