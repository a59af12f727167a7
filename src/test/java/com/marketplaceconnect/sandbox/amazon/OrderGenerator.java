package com.marketplaceconnect.sandbox.amazon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes plausible orders, deterministically for a seed. Creation times are spread uniformly over [from, to];
 * lastUpdatedTime lies between createdTime and {@code to}, so nothing is newer than {@code to}.
 * Status mix: PENDING 7%, UNSHIPPED 22%, PARTIALLY_SHIPPED 6%, SHIPPED 55%, CANCELLED 10%; 15% fulfilled by Amazon.
 */
final class OrderGenerator {

    private OrderGenerator() {
    }

    static List<StoredOrder> generate(String sellingPartnerId, Marketplace marketplace, int count, Instant from, Instant to,
                                      long seed, Predicate<String> orderIdTaken) {
        Random rnd = new Random(seed);
        DemoCatalog.Locale locale = DemoCatalog.localeFor(marketplace);
        long lo = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        long hi = Math.max(lo, to.getEpochSecond());
        List<StoredOrder> orders = new ArrayList<>(count);
        Set<String> newIds = new HashSet<>(count * 2);
        Set<String> itemIds = new HashSet<>();
        for (int n = 0; n < count; n++) {
            String orderId;
            do {
                orderId = marketplace.orderIdPrefix() + rnd.nextInt(10) + "-" + digits(rnd, 7) + "-" + digits(rnd, 7);
            } while (newIds.contains(orderId) || orderIdTaken.test(orderId));
            newIds.add(orderId);

            long createdSec = lo + (long) (rnd.nextDouble() * (hi - lo + 1));
            if (createdSec > hi) createdSec = hi;
            Instant created = Instant.ofEpochSecond(createdSec);
            boolean afn = rnd.nextInt(100) < 15;
            String status = status(rnd.nextInt(100), afn);

            int itemCount = 1 + rnd.nextInt(3);
            List<StoredOrder.Item> items = new ArrayList<>(itemCount);
            int totalQty = 0;
            // Amazon has one order item per SKU in an order: pick distinct products.
            java.util.Set<Integer> picked = new java.util.HashSet<>();
            for (int i = 0; i < itemCount; i++) {
                int index;
                do {
                    index = rnd.nextInt(DemoCatalog.PRODUCTS.size());
                } while (!picked.add(index));
                DemoCatalog.Product p = DemoCatalog.PRODUCTS.get(index);
                int qty = rnd.nextInt(10) < 8 ? 1 : 2 + rnd.nextInt(2);
                if ("PARTIALLY_SHIPPED".equals(status) && i == 0 && itemCount == 1 && qty < 2) qty = 2;
                String itemId;
                do {
                    itemId = digits(rnd, 14);
                } while (!itemIds.add(itemId));
                items.add(new StoredOrder.Item(itemId, p.asin(), p.title(), p.sku(), qty, DemoCatalog.price(p, marketplace)));
                totalQty += qty;
            }

            long maxAfter = hi - createdSec;
            long updateOffset = switch (status) {
                case "PENDING" -> rnd.nextInt(600);
                case "UNSHIPPED" -> rnd.nextInt(7200);
                case "CANCELLED" -> rnd.nextInt(86400);
                default -> 7200 + rnd.nextInt(41 * 3600);
            };
            Instant lastUpdated = Instant.ofEpochSecond(createdSec + Math.min(updateOffset, maxAfter));

            String first = locale.firstNames().get(rnd.nextInt(locale.firstNames().size()));
            String last = locale.lastNames().get(rnd.nextInt(locale.lastNames().size()));
            DemoCatalog.City city = locale.cities().get(rnd.nextInt(locale.cities().size()));
            String name = first + " " + last;
            StoredOrder.Address address = new StoredOrder.Address(name,
                    (1 + rnd.nextInt(250)) + " " + locale.streets().get(rnd.nextInt(locale.streets().size())),
                    rnd.nextInt(3) == 0 ? "Flat " + (1 + rnd.nextInt(40)) : "",
                    city.city(), city.district(), city.state(), city.postalCode(), locale.countryCode(),
                    locale.phonePrefix() + digits(rnd, locale.phoneDigits()),
                    rnd.nextInt(8) == 0 ? "COMMERCIAL" : "RESIDENTIAL");
            String email = digits(rnd, 12).replace('0', 'q').replace('1', 'x') + "@" + locale.emailDomain();

            Instant day = created.truncatedTo(ChronoUnit.DAYS);
            boolean expedited = rnd.nextInt(10) == 0;
            List<String> programs = rnd.nextInt(4) == 0 ? List.of("PRIME") : List.of();
            StoredOrder order = new StoredOrder(orderId, sellingPartnerId, marketplace, "SO-" + digits(rnd, 8), created,
                    programs, afn ? "AMAZON" : "MERCHANT", expedited ? "EXPEDITED" : "STANDARD",
                    day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(2)).minusSeconds(1),
                    day.plus(Duration.ofDays(expedited ? 2 : 3)), day.plus(Duration.ofDays(expedited ? 3 : 6)).minusSeconds(1),
                    name, email, address, items, status, lastUpdated);

            if ("SHIPPED".equals(status) || "PARTIALLY_SHIPPED".equals(status)) {
                List<StoredOrder.PackageItem> shippedItems = new ArrayList<>();
                int toShip = "SHIPPED".equals(status) ? totalQty : Math.max(1, totalQty / 2);
                for (StoredOrder.Item item : items) {
                    int q = Math.min(item.quantity(), toShip);
                    if (q > 0) shippedItems.add(new StoredOrder.PackageItem(item.orderItemId(), q));
                    toShip -= q;
                }
                String carrier = afn ? "AMZN_" + marketplace.countryCode()
                        : locale.carriers().get(rnd.nextInt(locale.carriers().size()));
                Instant shipTime = lastUpdated.minusSeconds(rnd.nextInt(3600));
                if (shipTime.isBefore(created)) shipTime = created;
                order.addGeneratedPackage(new StoredOrder.Package("1", carrier, null, "Standard", trackingNumber(rnd, carrier),
                        shipTime, lastUpdated, null, shippedItems));
            }
            orders.add(order);
        }
        return orders;
    }

    private static String status(int draw, boolean afn) {
        String status;
        if (draw < 7) status = "PENDING";
        else if (draw < 29) status = "UNSHIPPED";
        else if (draw < 35) status = "PARTIALLY_SHIPPED";
        else if (draw < 90) status = "SHIPPED";
        else status = "CANCELLED";
        return afn && "PARTIALLY_SHIPPED".equals(status) ? "SHIPPED" : status;
    }

    private static String trackingNumber(Random rnd, String carrier) {
        return switch (carrier) {
            case "Royal Mail" -> "RM" + digits(rnd, 9) + "GB";
            case "India Post" -> "EE" + digits(rnd, 9) + "IN";
            default -> digits(rnd, 12);
        };
    }

    static String digits(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) ('0' + rnd.nextInt(10));
        return new String(c);
    }
}
