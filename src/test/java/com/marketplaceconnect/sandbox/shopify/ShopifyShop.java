package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One shop ({@code {name}.myshopify.com}) of the Shopify sandbox: its orders, their fulfillment orders and
 * fulfillments, its webhook subscriptions and deliveries, its GraphQL cost bucket and its tokens. Every change made
 * here (create, update, cancel) is seen by the GraphQL API and sends the matching webhooks to the subscriptions.
 */
public final class ShopifyShop {

    /** The one merchant-managed location every shop has (Shopify's default location name). */
    public static final String LOCATION_NAME = "Shop location";

    private final String domain;
    private final long shopId;
    private final long locationId;
    private final Clock clock;
    private final LongSupplier ids;
    private final ShopifySandbox sandbox;
    private final Map<Long, ShopifyOrder> orders = new LinkedHashMap<>();
    private final Map<Long, FulfillmentOrder> fulfillmentOrders = new LinkedHashMap<>();
    private final Map<Long, Fulfillment> fulfillments = new LinkedHashMap<>();
    private final ShopThrottle throttle;
    private final ShopWebhooks webhooks;
    private int nextNumber = 1001;
    private volatile String currency = "USD";
    private volatile ZoneId timezone = ZoneId.of("America/New_York");

    ShopifyShop(String domain, ShopifySandbox sandbox, Clock clock, LongSupplier ids, ShopThrottle throttle) {
        this.domain = domain;
        this.sandbox = sandbox;
        this.clock = clock;
        this.ids = ids;
        this.shopId = ids.getAsLong();
        this.locationId = ids.getAsLong();
        this.throttle = throttle;
        this.webhooks = new ShopWebhooks(this, sandbox.webhookDispatcher());
    }

    public String domain() { return domain; }
    public long shopId() { return shopId; }
    public String gid() { return Gids.of("Shop", shopId); }
    public long locationId() { return locationId; }
    /** "Sandbox Demo Store" for sandbox-demo-store.myshopify.com. */
    public String name() {
        String handle = domain.substring(0, domain.indexOf('.'));
        StringBuilder sb = new StringBuilder();
        for (String w : handle.split("[-_]")) {
            if (w.isEmpty()) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }
    public String email() { return "owner@" + domain.substring(0, domain.indexOf('.')) + ".example"; }
    public String currency() { return currency; }
    public ZoneId timezone() { return timezone; }
    /** The shop's currency (new orders' default) and time zone (of REST webhook timestamps). */
    public ShopifyShop configure(String currency, ZoneId timezone) {
        this.currency = Objects.requireNonNull(currency);
        this.timezone = Objects.requireNonNull(timezone);
        return this;
    }

    // ---------------------------------------------------------------- orders

    /** Creates an order (now, unless the draft says when) with one fulfillment order; sends orders/create. */
    public ShopifyOrder createOrder(OrderDraft draft) {
        ShopifyOrder order;
        synchronized (this) {
            Instant now = clock.instant();
            Instant created = draft.createdAt == null ? now : draft.createdAt;
            List<OrderDraft.Line> lines = draft.lines.isEmpty()
                    ? List.of(new OrderDraft.Line("SKU-SANDBOX-1", "Sandbox T-Shirt", "M", 1, new BigDecimal("19.99")))
                    : draft.lines;
            List<LineItem> items = new ArrayList<>();
            for (OrderDraft.Line l : lines) {
                items.add(new LineItem(ids.getAsLong(), l.sku(), l.title(), l.variantTitle(), "Sandbox Vendor",
                        l.quantity(), ShopifyOrder.money(l.price()), ids.getAsLong(), ids.getAsLong()));
            }
            order = new ShopifyOrder(ids.getAsLong(), nextNumber++, items, created);
            order.currency = draft.currency == null ? currency : draft.currency;
            Customer c = draft.customer == null
                    ? new Customer(ids.getAsLong(), "John", "Smith", "john.smith@example.com", null)
                    : new Customer(ids.getAsLong(), draft.customer.firstName(), draft.customer.lastName(),
                    draft.customer.email(), draft.customer.phone());
            order.customer = c;
            order.email = draft.email == null ? c.email() : draft.email;
            order.phone = draft.phone;
            order.shippingAddress = draft.shippingAddress == null ? Address.example() : draft.shippingAddress;
            order.billingAddress = draft.billingAddress == null ? order.shippingAddress : draft.billingAddress;
            order.shippingPrice = ShopifyOrder.money(draft.shippingPrice == null ? new BigDecimal("10.00") : draft.shippingPrice);
            order.totalTax = ShopifyOrder.money(draft.totalTax == null ? BigDecimal.ZERO : draft.totalTax);
            order.totalDiscounts = ShopifyOrder.money(draft.totalDiscounts == null ? BigDecimal.ZERO : draft.totalDiscounts);
            order.financialStatus = draft.financialStatus == null ? "paid" : draft.financialStatus.toLowerCase(Locale.ROOT);
            order.note = draft.note;
            order.tags = draft.tags == null ? List.of() : draft.tags;
            order.test = draft.test != null && draft.test;
            order.processedAt = created;
            order.updatedAt = created.isAfter(now) ? created : (draft.createdAt == null ? now : created);
            orders.put(order.id(), order);
            List<FulfillmentOrder.Line> foLines = new ArrayList<>();
            for (LineItem li : items) foLines.add(new FulfillmentOrder.Line(ids.getAsLong(), li, li.quantity()));
            FulfillmentOrder fo = new FulfillmentOrder(ids.getAsLong(), order.id(), locationId, foLines, created);
            fulfillmentOrders.put(fo.id(), fo);
        }
        webhooks.orderEvent("orders/create", order);
        return order;
    }

    /** An order with one line (Sandbox T-Shirt, 19.99) placed now. */
    public ShopifyOrder createOrder() {
        return createOrder(new OrderDraft());
    }

    /**
     * Adds {@code count} generated orders placed between {@code from} and {@code to} (deterministic for a seed),
     * each last updated at its creation time; sends orders/create for each. Returns them oldest first.
     */
    public List<ShopifyOrder> seedOrders(int count, Instant from, Instant to, long seed) {
        List<ShopifyOrder> created = new ArrayList<>();
        for (OrderDraft d : DemoOrders.drafts(count, from, to, seed, currency)) created.add(createOrder(d));
        return created;
    }

    /**
     * Changes an order (anything a draft says except its lines), stamps updatedAt with the sandbox clock's now and
     * sends orders/updated.
     */
    public ShopifyOrder updateOrder(long orderId, Consumer<OrderDraft> change) {
        ShopifyOrder o;
        synchronized (this) {
            o = require(orderId);
            OrderDraft d = new OrderDraft();
            change.accept(d);
            if (!d.lines.isEmpty()) throw new IllegalArgumentException("updateOrder cannot change line items");
            if (d.email != null) o.email = d.email;
            if (d.phone != null) o.phone = d.phone;
            if (d.shippingAddress != null) o.shippingAddress = d.shippingAddress;
            if (d.billingAddress != null) o.billingAddress = d.billingAddress;
            if (d.customer != null) o.customer = new Customer(o.customer.id(), d.customer.firstName(),
                    d.customer.lastName(), d.customer.email(), d.customer.phone());
            if (d.shippingPrice != null) o.shippingPrice = ShopifyOrder.money(d.shippingPrice);
            if (d.totalTax != null) o.totalTax = ShopifyOrder.money(d.totalTax);
            if (d.totalDiscounts != null) o.totalDiscounts = ShopifyOrder.money(d.totalDiscounts);
            if (d.financialStatus != null) o.financialStatus = d.financialStatus.toLowerCase(Locale.ROOT);
            if (d.note != null) o.note = d.note;
            if (d.tags != null) o.tags = d.tags;
            if (d.test != null) o.test = d.test;
            o.updatedAt = clock.instant();
        }
        webhooks.orderEvent("orders/updated", o);
        return o;
    }

    /** Stamps updatedAt with now and sends orders/updated (an edit the sandbox does not model in detail). */
    public ShopifyOrder touchOrder(long orderId) {
        return updateOrder(orderId, d -> { });
    }

    /**
     * Cancels an order (reason: customer, fraud, inventory, declined, staff or other): cancelledAt now, current
     * quantities 0, paid orders refunded and others voided, open fulfillment orders CLOSED. Sends orders/cancelled and
     * orders/updated, as Shopify does.
     */
    public ShopifyOrder cancelOrder(long orderId, String reason) {
        String r = reason == null ? "other" : reason.toLowerCase(Locale.ROOT);
        if (!List.of("customer", "fraud", "inventory", "declined", "staff", "other").contains(r)) {
            throw new IllegalArgumentException("unknown cancel reason " + reason);
        }
        ShopifyOrder o;
        synchronized (this) {
            o = require(orderId);
            if (o.cancelled()) throw new IllegalStateException("order " + orderId + " is already cancelled");
            Instant now = clock.instant();
            o.cancelledAt = now;
            o.cancelReason = r;
            o.financialStatus = switch (o.financialStatus) {
                case "paid", "partially_paid", "partially_refunded" -> "refunded";
                default -> "voided";
            };
            for (LineItem li : o.lineItems()) li.setCurrentQuantity(li.fulfilledQuantity());
            for (FulfillmentOrder fo : fulfillmentOrdersOf(orderId)) {
                if (fo.status().equals("OPEN") || fo.status().equals("IN_PROGRESS")) {
                    fo.lines().forEach(l -> l.setRemainingQuantity(0));
                    fo.setStatus("CLOSED", now);
                }
            }
            o.updatedAt = now;
        }
        webhooks.orderEvent("orders/cancelled", o);
        webhooks.orderEvent("orders/updated", o);
        return o;
    }

    /** The order, or null. */
    public synchronized ShopifyOrder order(long orderId) {
        return orders.get(orderId);
    }

    /** Every order, in creation order. */
    public synchronized List<ShopifyOrder> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized int orderCount() {
        return orders.size();
    }

    /** The order's fulfillment orders (one per order in the sandbox). */
    public synchronized List<FulfillmentOrder> fulfillmentOrders(long orderId) {
        return fulfillmentOrdersOf(orderId);
    }

    /** The fulfillments created for the order, oldest first, with their tracking. */
    public synchronized List<Fulfillment> fulfillments(long orderId) {
        return fulfillments.values().stream().filter(f -> f.orderId() == orderId).toList();
    }

    public synchronized FulfillmentOrder fulfillmentOrder(long id) {
        return fulfillmentOrders.get(id);
    }

    public synchronized Fulfillment fulfillment(long id) {
        return fulfillments.get(id);
    }

    /**
     * Closes a fulfillment order as if the merchant had fulfilled or cancelled it elsewhere (status CLOSED, nothing
     * remaining): fulfillmentCreate on it then answers a userError.
     */
    public void closeFulfillmentOrder(long fulfillmentOrderId) {
        synchronized (this) {
            FulfillmentOrder fo = fulfillmentOrders.get(fulfillmentOrderId);
            if (fo == null) throw new IllegalArgumentException("unknown fulfillment order " + fulfillmentOrderId);
            fo.lines().forEach(l -> l.setRemainingQuantity(0));
            fo.setStatus("CLOSED", clock.instant());
        }
    }

    // ---------------------------------------------------------------- tokens, throttle, webhooks

    /** Every refresh token of the shop is refused from now on (invalid_grant), e.g. after the merchant revoked access. */
    public void revokeRefreshTokens() {
        sandbox.auth().revokeRefreshTokens(domain);
    }

    /** Every expiring access token of the shop is refused from now on (401), as after its 60 minutes. */
    public void expireAccessTokens() {
        sandbox.auth().expireAccessTokens(domain);
    }

    /**
     * A non-expiring offline access token for the shop with the given scopes (comma-separated), as an app installed
     * before expiring tokens holds: the input of the token-exchange migration.
     */
    public String issueNonExpiringToken(String scopes) {
        return sandbox.auth().issue(domain, scopes, false, null).accessToken();
    }

    /** {@link #issueNonExpiringToken(String)} with read_orders and the merchant-managed fulfillment order scopes. */
    public String issueNonExpiringToken() {
        return issueNonExpiringToken("read_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders");
    }

    /**
     * The merchant uninstalls the app: every token of the shop is revoked, webhook subscriptions made through the API
     * are removed and app/uninstalled is sent to the subscriptions of that topic (before they go).
     */
    public void uninstall() {
        webhooks.send("app/uninstalled", WebhookPayloads.shop(this));
        sandbox.auth().revokeAll(domain);
        webhooks.removeAllSubscriptions();
    }

    /**
     * customers/data_request for the buyer of the order (all their orders of the shop, matched by customer id or
     * email), to the app's compliance URL. Returns the data request id.
     */
    public long requestCustomerData(long orderId) {
        ShopifyOrder o;
        List<Long> ids;
        synchronized (this) {
            o = require(orderId);
            ids = ordersOfBuyer(o);
        }
        long requestId = ids.get(0) % 100_000 + 9_000;
        webhooks.send("customers/data_request", WebhookPayloads.customersDataRequest(this, o.customer(), ids, requestId));
        return requestId;
    }

    /** customers/redact for the buyer of the order: the customer and every order of theirs to redact. */
    public List<Long> redactCustomer(long orderId) {
        ShopifyOrder o;
        List<Long> ids;
        synchronized (this) {
            o = require(orderId);
            ids = ordersOfBuyer(o);
        }
        webhooks.send("customers/redact", WebhookPayloads.customersRedact(this, o.customer(), ids));
        return ids;
    }

    /** shop/redact (Shopify sends it 48 hours after an uninstall): erase everything of the shop. */
    public void redactShop() {
        webhooks.send("shop/redact", WebhookPayloads.shopRedact(this));
    }

    private List<Long> ordersOfBuyer(ShopifyOrder o) {
        List<Long> ids = new ArrayList<>();
        for (ShopifyOrder other : orders.values()) {
            boolean same = other.customer() != null && o.customer() != null && (other.customer().id() == o.customer().id()
                    || (o.customer().email() != null && o.customer().email().equalsIgnoreCase(other.customer().email())));
            if (same) ids.add(other.id());
        }
        return ids;
    }

    public ShopThrottle throttle() {
        return throttle;
    }

    public ShopWebhooks webhooks() {
        return webhooks;
    }

    // ---------------------------------------------------------------- used by the GraphQL API

    synchronized List<ShopifyOrder> ordersSnapshot() {
        return new ArrayList<>(orders.values());
    }

    synchronized List<FulfillmentOrder> fulfillmentOrdersOf(long orderId) {
        List<FulfillmentOrder> list = new ArrayList<>();
        for (FulfillmentOrder fo : fulfillmentOrders.values()) if (fo.orderId() == orderId) list.add(fo);
        return list;
    }

    /** One fulfillment order's share of a fulfillmentCreate: null lines means every remaining line. */
    record FulfillRequest(String fulfillmentOrderId, List<LineRequest> lines) {
    }

    record LineRequest(String id, int quantity) {
    }

    record FulfillResult(Fulfillment fulfillment, List<UserError> userErrors) {
    }

    FulfillResult createFulfillment(List<FulfillRequest> requests, List<Fulfillment.Tracking> tracking,
                                    boolean notifyCustomer, String message) {
        Fulfillment created;
        ShopifyOrder order;
        synchronized (this) {
            List<UserError> errors = new ArrayList<>();
            if (requests.isEmpty()) {
                return new FulfillResult(null, List.of(new UserError(List.of("fulfillment", "lineItemsByFulfillmentOrder"),
                        "Line items by fulfillment order must contain at least one fulfillment order.")));
            }
            Map<FulfillmentOrder.Line, Integer> take = new LinkedHashMap<>();
            List<FulfillmentOrder> fos = new ArrayList<>();
            long orderId = -1;
            for (int i = 0; i < requests.size(); i++) {
                FulfillRequest r = requests.get(i);
                List<String> at = List.of("fulfillment", "lineItemsByFulfillmentOrder", Integer.toString(i), "fulfillmentOrderId");
                long foId = Gids.parse(r.fulfillmentOrderId(), "FulfillmentOrder");
                FulfillmentOrder fo = foId < 0 ? null : fulfillmentOrders.get(foId);
                if (fo == null) {
                    errors.add(new UserError(at, "Fulfillment order does not exist."));
                    continue;
                }
                if (orderId >= 0 && fo.orderId() != orderId) {
                    errors.add(new UserError(at, "All fulfillment orders must belong to the same order."));
                    continue;
                }
                orderId = fo.orderId();
                if (!(fo.status().equals("OPEN") || fo.status().equals("IN_PROGRESS"))) {
                    errors.add(new UserError(List.of("fulfillment"), "Fulfillment order " + fo.id()
                            + " has an unfulfillable status= " + fo.status().toLowerCase(Locale.ROOT) + "."));
                    continue;
                }
                fos.add(fo);
                if (r.lines() == null || r.lines().isEmpty()) {
                    for (FulfillmentOrder.Line l : fo.lines()) if (l.remainingQuantity() > 0) take.merge(l, l.remainingQuantity(), Integer::sum);
                    continue;
                }
                for (int j = 0; j < r.lines().size(); j++) {
                    LineRequest lr = r.lines().get(j);
                    List<String> lat = List.of("fulfillment", "lineItemsByFulfillmentOrder", Integer.toString(i),
                            "fulfillmentOrderLineItems", Integer.toString(j));
                    long lineId = Gids.parse(lr.id(), "FulfillmentOrderLineItem");
                    FulfillmentOrder.Line line = fo.lines().stream().filter(l -> l.id() == lineId).findFirst().orElse(null);
                    if (line == null) {
                        errors.add(new UserError(append(lat, "id"), "Fulfillment order line item does not exist."));
                        continue;
                    }
                    int already = take.getOrDefault(line, 0);
                    if (lr.quantity() < 1 || already + lr.quantity() > line.remainingQuantity()) {
                        errors.add(new UserError(append(lat, "quantity"), "Invalid fulfillment order line item quantity requested."));
                        continue;
                    }
                    take.merge(line, lr.quantity(), Integer::sum);
                }
            }
            if (errors.isEmpty() && take.isEmpty()) {
                FulfillmentOrder fo = fos.get(0);
                errors.add(new UserError(List.of("fulfillment"), "Fulfillment order " + fo.id()
                        + " has an unfulfillable status= closed."));
            }
            if (!errors.isEmpty()) return new FulfillResult(null, List.copyOf(errors));
            Instant now = clock.instant();
            order = orders.get(orderId);
            List<Fulfillment.Line> shipped = new ArrayList<>();
            take.forEach((line, q) -> {
                line.setRemainingQuantity(line.remainingQuantity() - q);
                line.lineItem().addFulfilled(q);
                shipped.add(new Fulfillment.Line(ids.getAsLong(), line.lineItem(), q));
            });
            for (FulfillmentOrder fo : fos) {
                boolean done = fo.lines().stream().allMatch(l -> l.remainingQuantity() == 0);
                fo.setStatus(done ? "CLOSED" : "IN_PROGRESS", now);
            }
            long seq = fulfillments.values().stream().filter(f -> f.orderId() == order.id()).count() + 1;
            created = new Fulfillment(ids.getAsLong(), order.id(), order.name() + "." + seq,
                    fos.stream().map(FulfillmentOrder::id).toList(), shipped, tracking, notifyCustomer, message, now);
            fulfillments.put(created.id(), created);
            order.updatedAt = now;
        }
        webhooks.orderEvent("orders/updated", order);
        webhooks.orderEvent(order.displayFulfillmentStatus().equals("FULFILLED") ? "orders/fulfilled" : "orders/partially_fulfilled", order);
        return new FulfillResult(created, List.of());
    }

    FulfillResult updateTracking(String fulfillmentGid, List<Fulfillment.Tracking> tracking) {
        synchronized (this) {
            long id = Gids.parse(fulfillmentGid, "Fulfillment");
            Fulfillment f = id < 0 ? null : fulfillments.get(id);
            if (f == null) return new FulfillResult(null, List.of(new UserError(List.of("fulfillmentId"), "Fulfillment does not exist.")));
            f.updateTracking(tracking, clock.instant());
            return new FulfillResult(f, List.of());
        }
    }

    private ShopifyOrder require(long orderId) {
        ShopifyOrder o = orders.get(orderId);
        if (o == null) throw new IllegalArgumentException("unknown order " + orderId + " in " + domain);
        return o;
    }

    private static List<String> append(List<String> path, String last) {
        List<String> l = new ArrayList<>(path);
        l.add(last);
        return Collections.unmodifiableList(l);
    }

    Duration sinceCreated(ShopifyOrder o) {
        return Duration.between(o.createdAt(), clock.instant());
    }
}
