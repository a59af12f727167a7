package com.marketplaceconnect.orders;

import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.support.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.marketplaceconnect.orders.StoredOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OrderQueries on rows stored by the sync's own upsert: filters, keyset pages, the cursor, the detail. */
class OrderQueriesTest extends IntegrationTest {
    @Autowired
    OrderQueries queries;
    @Autowired
    ProducerTemplate producer;

    StoredOrders stored;
    final Instant t0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @BeforeEach
    void setUp() {
        stored = new StoredOrders(jdbc, producer);
    }

    private List<String> ids(OrderPage page) {
        return page.items().stream().map(OrderSummary::marketplaceOrderId).toList();
    }

    /** Every page of the filter, following nextCursor. */
    private List<String> allPages(OrderFilter filter) {
        List<String> all = new ArrayList<>();
        OrderPage page = queries.list(filter);
        all.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = queries.list(filter.withCursor(page.nextCursor()));
            all.addAll(ids(page));
        }
        return all;
    }

    @Test
    void filtersSelectByAccountMarketplaceStatusTimeAndText() {
        long amazon = stored.account("AMAZON"), flipkart = stored.account("FLIPKART"), other = stored.account("AMAZON");
        stored.store(amazon,
                order("AMAZON", "A-1", "UNSHIPPED", t0, "Asha Rao", "SKU-RED"),
                order("AMAZON", "A-2", "SHIPPED", t0.plusSeconds(60), "Vikram Shah", "SKU-BLUE", "SKU-GREEN"),
                order("AMAZON", "A-3", "UNSHIPPED", t0.plusSeconds(120), "Meera Iyer", "SKU-BLUE"));
        stored.store(flipkart, order("FLIPKART", "OD-9", "UNSHIPPED", t0.plusSeconds(30), "Ravi Kumar", "FK_SKU%1"));
        stored.store(other, order("AMAZON", "A-1", "UNSHIPPED", t0, "Someone Else", "SKU-RED"));
        Set<Long> mine = Set.of(amazon, flipkart);
        OrderFilter base = OrderFilter.all().withAccounts(mine);

        assertThat(ids(queries.list(base))).containsExactly("A-1", "OD-9", "A-2", "A-3");
        assertThat(queries.list(base).items()).allSatisfy(o -> assertThat(o.accountId()).isIn(amazon, flipkart));
        assertThat(ids(queries.list(base.withAccounts(Set.of(other))))).containsExactly("A-1");
        assertThat(ids(queries.list(base.withAccounts(Set.of())))).isEmpty();
        assertThat(ids(queries.list(new OrderFilter(mine, "flipkart", null, null, null, 0, null)))).containsExactly("OD-9");
        assertThat(ids(queries.list(new OrderFilter(mine, null, "unshipped", null, null, 0, null)))).containsExactly("A-1", "OD-9", "A-3");
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, t0.plusSeconds(60), null, 0, null)))).containsExactly("A-2", "A-3");
        // Text: part of the order id, of the buyer's name (any case), of an item's SKU; LIKE's wildcards are literal.
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, null, "od-", 0, null)))).containsExactly("OD-9");
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, null, "meera", 0, null)))).containsExactly("A-3");
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, null, "sku-blue", 0, null)))).containsExactly("A-2", "A-3");
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, null, "SKU%1", 0, null)))).containsExactly("OD-9");
        assertThat(ids(queries.list(new OrderFilter(mine, null, null, null, "SKU_", 0, null)))).isEmpty();
        assertThat(ids(queries.list(new OrderFilter(mine, "AMAZON", "UNSHIPPED", null, "SKU-BLUE", 0, null)))).containsExactly("A-3");

        OrderSummary a2 = queries.list(new OrderFilter(mine, null, null, null, "A-2", 0, null)).items().get(0);
        assertThat(a2.itemCount()).isEqualTo(2);
        assertThat(a2.buyerName()).isEqualTo("Vikram Shah");
        assertThat(a2.sourceUpdatedAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(a2.totalAmount()).isEqualByComparingTo("25.00");
    }

    @Test
    void pagesFollowSourceUpdatedTimeThenIdWithACursorThatSurvivesConcurrentInserts() {
        long account = stored.account("AMAZON");
        // Ten orders, some sharing a time (the id breaks the tie), stored in two statements in an order unlike time's.
        List<CanonicalOrder> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(order("AMAZON", "P-" + i, "UNSHIPPED", t0.plus((9 - i) / 2 * 7, ChronoUnit.MICROS), "B" + i, "S" + i));
        }
        stored.store(account, first.subList(5, 10).toArray(CanonicalOrder[]::new));
        stored.store(account, first.subList(0, 5).toArray(CanonicalOrder[]::new));
        OrderFilter filter = OrderFilter.all().withAccounts(Set.of(account)).withLimit(3);

        List<OrderSummary> expected = jdbc.query("""
                select id, marketplace_order_id from orders where account_id = ? order by source_updated_at, id
                """, (rs, n) -> new OrderSummary(rs.getLong(1), account, null, null, rs.getString(2), null, null, null,
                null, null, null, null, null, 0, null, null), account);
        List<String> expectedIds = expected.stream().map(OrderSummary::marketplaceOrderId).toList();
        assertThat(allPages(filter)).containsExactlyElementsOf(expectedIds);

        // Page 1, then other orders arrive (before and after the cursor's key, and with its very time), then the rest.
        OrderPage page1 = queries.list(filter);
        assertThat(page1.items()).hasSize(3);
        assertThat(page1.nextCursor()).isNotNull().matches("[A-Za-z0-9_-]+");
        assertThat(queries.list(filter).nextCursor()).as("the same page, the same cursor").isEqualTo(page1.nextCursor());
        Instant cursorTime = page1.items().get(2).sourceUpdatedAt();
        stored.store(account, order("AMAZON", "NEW-EARLY", "UNSHIPPED", t0.minusSeconds(5), "x", "s"),
                order("AMAZON", "NEW-SAME-TIME", "UNSHIPPED", cursorTime, "x", "s"),
                order("AMAZON", "NEW-LATE", "UNSHIPPED", t0.plusSeconds(5), "x", "s"));
        List<String> seen = new ArrayList<>(ids(page1));
        seen.addAll(allPages(filter.withCursor(page1.nextCursor())));
        // Nothing seen twice, nothing of the first ten missed; rows that sort after the cursor (a higher id at the same
        // time, or a later time) show up, the one before it does not (it belongs to a page already read).
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsAll(expectedIds).contains("NEW-SAME-TIME", "NEW-LATE").doesNotContain("NEW-EARLY");
        assertThat(seen.stream().filter(o -> !o.startsWith("NEW-")).toList()).containsExactlyElementsOf(expectedIds);
    }

    @Test
    void badFiltersNameTheirField() {
        assertThatThrownBy(() -> queries.list(new OrderFilter(null, "EBAY", null, null, null, 0, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("marketplace"));
        assertThatThrownBy(() -> queries.list(new OrderFilter(null, null, "LOST", null, null, 0, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> queries.list(new OrderFilter(null, null, null, null, null, 201, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> queries.list(new OrderFilter(null, null, null, null, "x".repeat(201), 0, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("q"));
        for (String cursor : List.of("not-a-cursor!", "bm9wZQ", "MTIzOmFiYw")) {   // not base64url; "nope"; "123:abc"
            assertThatThrownBy(() -> queries.list(new OrderFilter(null, null, null, null, null, 0, cursor)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void theDetailShowsItemsAndEachShipmentsPushState() {
        long account = stored.account("AMAZON"), stranger = stored.account("AMAZON");
        stored.store(account, order("AMAZON", "D-1", "UNSHIPPED", t0, "Asha Rao", "SKU-1", "SKU-2"));
        long id = stored.id(account, "D-1");
        String pushed = "ev-" + id + "-1", pending = "ev-" + id + "-2";
        jdbc.update("""
                insert into shipment_event (event_id, source, state, account_id, marketplace, order_id, marketplace_order_id,
                                            items, package_reference_id, event, attempts, pushed_at)
                values (?, 'API', 'PUSHED', ?, 'AMAZON', ?, 'D-1', '[{"orderItemId":"D-1-0","sku":"SKU-1","quantity":2}]', 1,
                        '{"carrierCode":"BLUEDART","trackingNumber":"BD123"}', 1, now()),
                       (?, 'KAFKA', 'PENDING', ?, 'AMAZON', ?, 'D-1', '[{"orderItemId":"D-1-1","sku":"SKU-2","quantity":2}]', 2,
                        '{"carrierCode":"DELHIVERY","trackingNumber":"DL9"}', 0, null)
                """, pushed, account, id, pending, account, id);

        OrderDetail detail = queries.detail(id, null).orElseThrow();
        assertThat(detail.order().marketplaceOrderId()).isEqualTo("D-1");
        assertThat(detail.shipTo().city()).isEqualTo("Pune");
        assertThat(detail.shipWindow().shipBy()).isEqualTo(t0.plusSeconds(86400));
        assertThat(detail.items()).extracting(OrderDetail.Item::sku).containsExactly("SKU-1", "SKU-2");
        assertThat(detail.items().get(0).quantity()).isEqualTo(2);
        assertThat(detail.shipments()).extracting(OrderDetail.Shipment::eventId).containsExactly(pushed, pending);
        assertThat(detail.shipments()).extracting(OrderDetail.Shipment::state).containsExactly("PUSHED", "PENDING");
        assertThat(detail.shipments().get(0).trackingNumber()).isEqualTo("BD123");
        assertThat(detail.shipments().get(0).pushedAt()).isNotNull();
        assertThat(detail.shipments().get(0).nextAttemptAt()).isNull();
        assertThat(detail.shipments().get(1).nextAttemptAt()).isNotNull();
        assertThat(detail.shipments().get(1).items().get(0).get("sku").asText()).isEqualTo("SKU-2");

        assertThat(queries.detail(id, Set.of(account))).isPresent();
        assertThat(queries.detail(id, Set.of(stranger))).as("another seller's order").isEmpty();
        assertThat(queries.detail(Long.MAX_VALUE, null)).isEmpty();
    }
}
