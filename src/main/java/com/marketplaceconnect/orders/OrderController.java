package com.marketplaceconnect.orders;

import com.marketplaceconnect.accounts.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The stored orders, for machines (API key): pages by filter, and one order with its items and shipments. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Orders synced from the marketplaces, in the canonical model (README, \"Orders API\"); "
        + "every change is also published on the Kafka topic orders.changed")
public class OrderController {
    private final OrderQueries queries;

    public OrderController(OrderQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Stored orders, page by page, in (sourceUpdatedAt, id) order",
            description = "200 {items, nextCursor}: up to limit orders (1 to 200, default 50), oldest marketplace update "
                    + "first; pass nextCursor back as cursor (with the same filters) for the next page, null on the last "
                    + "page. The cursor is keyset-based: orders stored meanwhile never shift the pages, and an order the "
                    + "marketplace updates while you page moves to a later page. 400 naming the field (account, "
                    + "marketplace, status, updatedSince, q, limit, cursor) for a bad filter.")
    @GetMapping
    OrderPage list(
            @Parameter(description = "Seller account id(s): repeat the parameter or separate by commas")
            @RequestParam(required = false) List<String> account,
            @Parameter(description = "a connected marketplace's name: AMAZON, FLIPKART, SHOPIFY, WOOCOMMERCE … (any case)")
            @RequestParam(required = false) String marketplace,
            @Parameter(description = "Canonical status: PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, "
                    + "CANCELLED, ON_HOLD, UNFULFILLABLE, RETURNED (any case)")
            @RequestParam(required = false) String status,
            @Parameter(description = "Only orders the marketplace last updated at or after this ISO-8601 time, e.g. 2026-03-01T00:00:00Z")
            @RequestParam(required = false) String updatedSince,
            @Parameter(description = "Case-insensitive text in the marketplace order id, the buyer's name or an item's SKU")
            @RequestParam(required = false) String q,
            @Parameter(description = "Page size, 1 to 200") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the page before") @RequestParam(required = false) String cursor) {
        return queries.list(new OrderFilter(accounts(account), marketplace, status, instant(updatedSince), q,
                limit(limit), cursor));
    }

    @Operation(summary = "One order with its items and its shipments' push states",
            description = "200 with the order, its ship-to address and window, its items, and the shipment events sent "
                    + "for it with their push state (PENDING, IN_FLIGHT, PUSHED, FAILED, DEAD, REJECTED), attempts and "
                    + "last error. 404 when there is no order with this id.")
    @GetMapping("/{id}")
    OrderDetail get(@PathVariable String id) {
        long orderId;
        try {
            orderId = Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new OrderNotFoundException(id);
        }
        return queries.detail(orderId, null).orElseThrow(() -> new OrderNotFoundException(id));
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** Thrown for an order id that names no stored order. */
    static class OrderNotFoundException extends RuntimeException {
        OrderNotFoundException(String id) {
            super("No order " + id);
        }
    }

    private static Set<Long> accounts(List<String> values) {
        if (values == null) {
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) continue;
                try {
                    ids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidRequestException("account", "must be account ids (numbers), given: " + part.trim());
                }
            }
        }
        return ids.isEmpty() ? null : ids;
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant(); // an unencoded "+" arrives as a space
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("updatedSince", "must be an ISO-8601 time with offset, e.g. 2026-03-01T00:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return OrderQueries.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= OrderQueries.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + OrderQueries.MAX_LIMIT);
    }
}
