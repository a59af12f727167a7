package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.orders.OrderDetail;
import com.marketplaceconnect.orders.OrderFilter;
import com.marketplaceconnect.orders.OrderPage;
import com.marketplaceconnect.orders.OrderQueries;
import com.marketplaceconnect.security.AppUser;
import com.marketplaceconnect.shipments.ShipmentOutbox;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orders: the stored orders of the user's accounts with filters and a keyset "next page" (OrderQueries), an order's
 * detail with its items and the push state of its shipments, and Retry for a FAILED or DEAD push (the outbox's
 * retryNow, as POST /api/shipments/{eventId}/retry).
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden   // a page, not part of the API
@RequestMapping("/app/orders")
class OrdersPage {
    static final int PAGE_SIZE = 25;

    private final OrderQueries queries;
    private final SellerScope scope;
    private final MarketplaceLabels labels;
    private final ShipmentOutbox outbox;

    OrdersPage(OrderQueries queries, SellerScope scope, MarketplaceLabels labels, ShipmentOutbox outbox) {
        this.queries = queries;
        this.scope = scope;
        this.labels = labels;
        this.outbox = outbox;
    }

    /** The filter as the form shows it again. */
    public record Filters(Long account, String marketplace, String status, String updatedSince, String q) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal AppUser user, Model model, HttpServletResponse response,
                @RequestParam(required = false) Long account, @RequestParam(required = false) String marketplace,
                @RequestParam(required = false) String status, @RequestParam(required = false) String updatedSince,
                @RequestParam(required = false) String q, @RequestParam(required = false) String cursor) {
        List<SellerAccount> mine = scope.accounts(user);
        Set<Long> accountIds;
        if (account != null) {
            accountIds = Set.of(scope.account(user, account).id());
        } else {
            accountIds = user.staff() ? null : mine.stream().map(SellerAccount::id).collect(Collectors.toSet());
        }
        Filters filters = new Filters(account, blankToNull(marketplace), blankToNull(status), blankToNull(updatedSince), blankToNull(q));
        model.addAttribute("user", user);
        model.addAttribute("section", "orders");
        model.addAttribute("filters", filters);
        model.addAttribute("accounts", mine);
        model.addAttribute("accountNames", names(mine));
        model.addAttribute("marketplaces", mine.stream().map(SellerAccount::marketplace).distinct().sorted()
                .map(m -> Map.entry(m, labels.displayName(m))).toList());
        model.addAttribute("statuses", OrderQueries.STATUSES);
        try {
            OrderPage page = queries.list(new OrderFilter(accountIds, filters.marketplace(), filters.status(),
                    since(filters.updatedSince()), filters.q(), PAGE_SIZE, blankToNull(cursor)));
            model.addAttribute("orders", page.items());
            model.addAttribute("nextUrl", page.nextCursor() == null ? null : UriComponentsBuilder.fromPath("/app/orders")
                    .queryParamIfPresent("account", java.util.Optional.ofNullable(account))
                    .queryParamIfPresent("marketplace", java.util.Optional.ofNullable(filters.marketplace()))
                    .queryParamIfPresent("status", java.util.Optional.ofNullable(filters.status()))
                    .queryParamIfPresent("updatedSince", java.util.Optional.ofNullable(filters.updatedSince()))
                    .queryParamIfPresent("q", java.util.Optional.ofNullable(filters.q()))
                    .queryParam("cursor", page.nextCursor()).encode().build().toUriString());
            model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("orders", List.of());
            model.addAttribute("problem", "Filter not applied: " + e.getMessage());
        }
        return "app/orders";
    }

    @GetMapping("/{id}")
    String detail(@AuthenticationPrincipal AppUser user, @PathVariable long id, Model model) {
        OrderDetail order = order(user, id);
        model.addAttribute("user", user);
        model.addAttribute("section", "orders");
        model.addAttribute("detail", order);
        model.addAttribute("account", scope.account(user, order.order().accountId()));
        model.addAttribute("marketplaceName", labels.displayName(order.order().marketplace()));
        return "app/order";
    }

    /** Retry: only a shipment of an order this user may see, and only FAILED or DEAD (else said in words). */
    @PostMapping("/{id}/shipments/{eventId}/retry")
    String retry(@AuthenticationPrincipal AppUser user, @PathVariable long id, @PathVariable String eventId, RedirectAttributes redirect) {
        OrderDetail order = order(user, id);
        OrderDetail.Shipment shipment = order.shipments().stream().filter(s -> s.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new PageNotFoundException("No shipment " + eventId + " on order " + id));
        if (outbox.retryNow(eventId)) {
            redirect.addFlashAttribute("notice", "Shipment " + eventId + " goes out again: its push is PENDING with a fresh set of attempts.");
        } else {
            redirect.addFlashAttribute("problem", "Shipment " + eventId + " is " + shipment.state()
                    + ": only a FAILED or DEAD push can be retried.");
        }
        return "redirect:/app/orders/" + id;
    }

    private OrderDetail order(AppUser user, long id) {
        Set<Long> ids = user.staff() ? null : scope.accountIds(user);
        return queries.detail(id, ids).orElseThrow(() -> new PageNotFoundException("No order " + id + " among yours"));
    }

    private Map<Long, String> names(List<SellerAccount> accounts) {
        return accounts.stream().collect(Collectors.toMap(SellerAccount::id,
                a -> labels.displayName(a.marketplace()) + " " + a.externalAccountId(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** A date (2026-01-31, the day's start in UTC) or an ISO instant. */
    private static Instant since(String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("updatedSince", "must be a date such as 2026-01-31 (or an ISO-8601 instant)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
