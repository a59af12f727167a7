package com.marketplaceconnect.woocommerce;

import static com.marketplaceconnect.orders.JsonValues.decimal;
import static com.marketplaceconnect.orders.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.orders.CanonicalOrder;
import com.marketplaceconnect.orders.CanonicalOrderItem;
import com.marketplaceconnect.orders.OrderRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps WooCommerce REST API v3 orders (the documented "Retrieve an order" JSON, also a webhook's payload) to canonical
 * orders, a pure function. Times come from the {@code _gmt} fields (the others are in the site's timezone without an
 * offset). Statuses:
 * <pre>
 * pending (awaiting payment)          PENDING
 * processing (paid, to be shipped)    UNSHIPPED
 * on-hold (awaiting confirmation)     ON_HOLD
 * completed (fulfilled)               SHIPPED
 * cancelled, trash                    CANCELLED
 * refunded                            RETURNED once completed, else CANCELLED
 * failed (payment failed; may be paid again)   PENDING
 * checkout-draft, any other           PENDING unless paid (date_paid set): UNSHIPPED
 * </pre>
 * Money totals are strings, {@code line_items[].price} a number (the docs say string): both are read. An empty SKU is
 * no SKU. The raw JSON is kept as received.
 */
@Component("woocommerceOrderMapper")
public class WooCommerceOrderMapper {
    public static final String MARKETPLACE_CODE = "WC";
    private static final Logger log = LoggerFactory.getLogger(WooCommerceOrderMapper.class);

    /** Route step: a page of orders (a JSON array) or one order (a webhook's object) as the store step's rows. */
    public Map<String, Object> rows(JsonNode orders) {
        return OrderRows.of(orders(orders)).parameters();
    }

    public List<CanonicalOrder> orders(JsonNode orders) {
        List<CanonicalOrder> result = new ArrayList<>();
        if (orders.isObject()) {
            addIfValid(orders, result);
        } else {
            orders.forEach(o -> addIfValid(o, result));
        }
        return result;
    }

    private void addIfValid(JsonNode order, List<CanonicalOrder> into) {
        if (text(order, "id") == null || instant(order.path("date_modified_gmt")) == null) {
            log.warn("Skipping a WooCommerce order without id or date_modified_gmt (id={})", text(order, "id"));
            return;
        }
        into.add(map(order));
    }

    public CanonicalOrder map(JsonNode order) {
        String wooStatus = order.path("status").asText("");
        String status = status(wooStatus, order);
        String currency = text(order, "currency");
        List<CanonicalOrderItem> items = new ArrayList<>();
        for (JsonNode line : order.path("line_items")) {
            String lineId = text(line, "id");
            if (lineId == null) continue;
            int quantity = line.path("quantity").asInt(0);
            BigDecimal price = decimal(line.path("price"));
            if (price == null) {
                BigDecimal total = decimal(line.path("total"));
                price = total == null || quantity == 0 ? null : total.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP);
            }
            long variation = line.path("variation_id").asLong(0);
            String productId = variation != 0 ? String.valueOf(variation) : text(line, "product_id");
            items.add(new CanonicalOrderItem(lineId, text(line, "sku"), productId, text(line, "name"), quantity,
                    CanonicalOrder.SHIPPED.equals(status) ? quantity : 0, new CanonicalOrder.Money(price, currency),
                    wooStatus, null, line, null));
        }
        JsonNode shipping = order.path("shipping");
        JsonNode address = text(shipping, "address_1") != null ? shipping : order.path("billing");
        return new CanonicalOrder(WooCommerceConnector.MARKETPLACE, MARKETPLACE_CODE, text(order, "id"), status, wooStatus,
                CanonicalOrder.BY_SELLER, instant(order.path("date_created_gmt")), instant(order.path("date_modified_gmt")),
                new CanonicalOrder.Money(decimal(order.path("total")), currency), name(order.path("billing")),
                new CanonicalOrder.Address(name(address), text(address, "address_1"), text(address, "address_2"),
                        text(address, "city"), text(address, "state"), text(address, "postcode"), text(address, "country")),
                CanonicalOrder.ShipWindow.NONE, order, items);
    }

    static String status(String wooStatus, JsonNode order) {
        return switch (wooStatus) {
            case "pending", "failed" -> CanonicalOrder.PENDING;
            case "processing" -> CanonicalOrder.UNSHIPPED;
            case "on-hold" -> CanonicalOrder.ON_HOLD;
            case "completed" -> CanonicalOrder.SHIPPED;
            case "cancelled", "trash" -> CanonicalOrder.CANCELLED;
            case "refunded" -> instant(order.path("date_completed_gmt")) != null ? CanonicalOrder.RETURNED : CanonicalOrder.CANCELLED;
            default -> instant(order.path("date_paid_gmt")) != null ? CanonicalOrder.UNSHIPPED : CanonicalOrder.PENDING;
        };
    }

    private static String name(JsonNode person) {
        String first = text(person, "first_name");
        String last = text(person, "last_name");
        if (first == null) return last;
        return last == null ? first : first + " " + last;
    }

    /** A {@code _gmt} date-time: no offset (UTC); one with an offset or Z is read as such. */
    static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) return null;
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
