package com.marketplaceconnect.sandbox.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated orders: the same drafts for the same seed (catalogue, buyers, addresses, times). */
final class DemoOrders {

    private record Product(String sku, String title, String variant, String price) {
    }

    private static final List<Product> CATALOGUE = List.of(
            new Product("SKU2006-001", "Aviator sunglasses", null, "89.99"),
            new Product("TSHIRT-ORG-M", "Organic cotton T-shirt", "M / Black", "24.00"),
            new Product("TSHIRT-ORG-L", "Organic cotton T-shirt", "L / White", "24.00"),
            new Product("MUG-ENAMEL-01", "Enamel camp mug", null, "16.50"),
            new Product("BAG-CANVAS-TOTE", "Canvas tote bag", "Natural", "32.00"),
            new Product("SOCK-WOOL-3PK", "Merino wool socks (3 pack)", "M", "27.95"),
            new Product("CAP-5PANEL-NVY", "Five-panel cap", "Navy", "35.00"),
            new Product("BOTTLE-STEEL-750", "Insulated steel bottle 750 ml", null, "39.00"),
            new Product("NOTEBOOK-A5-DOT", "A5 dotted notebook", null, "14.00"),
            new Product("CANDLE-CEDAR", "Cedar soy candle", null, "28.00"));

    private static final String[][] BUYERS = {
            {"Ava", "Martin", "New York", "New York", "NY", "10001", "US", "United States"},
            {"Liam", "Chen", "San Francisco", "California", "CA", "94103", "US", "United States"},
            {"Olivia", "Brown", "Austin", "Texas", "TX", "73301", "US", "United States"},
            {"Noah", "Tremblay", "Montreal", "Quebec", "QC", "H2X 1Y4", "CA", "Canada"},
            {"Emma", "Wilson", "Seattle", "Washington", "WA", "98101", "US", "United States"},
            {"Lucas", "Garcia", "Miami", "Florida", "FL", "33101", "US", "United States"},
            {"Mia", "Singh", "Toronto", "Ontario", "ON", "M5V 2T6", "CA", "Canada"},
            {"Ethan", "Kowalski", "Chicago", "Illinois", "IL", "60601", "US", "United States"}};

    private DemoOrders() {
    }

    static List<OrderDraft> drafts(int count, Instant from, Instant to, long seed, String currency) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
        if (to.isBefore(from)) throw new IllegalArgumentException("to must not be before from");
        Random random = new Random(seed);
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) times.add(from.plusSeconds((long) (random.nextDouble() * span)));
        times.sort(null);
        List<OrderDraft> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] b = BUYERS[random.nextInt(BUYERS.length)];
            String email = (b[0] + "." + b[1] + (i % 7) + "@example.com").toLowerCase(java.util.Locale.ROOT);
            Address address = new Address(b[0], b[1], null, (100 + random.nextInt(800)) + " Market Street",
                    random.nextInt(4) == 0 ? "Apt " + (1 + random.nextInt(40)) : null, b[2], b[3], b[4], b[7], b[6], b[5],
                    "+1 555 01" + (10 + random.nextInt(89)));
            OrderDraft d = new OrderDraft().currency(currency).email(email)
                    .customer(b[0], b[1], email, null).shippingAddress(address).createdAt(times.get(i))
                    .shippingPrice(random.nextInt(3) == 0 ? "0.00" : "7.50");
            int lines = 1 + random.nextInt(3);
            List<Product> pool = new ArrayList<>(CATALOGUE);
            BigDecimal subtotal = BigDecimal.ZERO;
            for (int l = 0; l < lines; l++) {
                Product p = pool.remove(random.nextInt(pool.size()));
                int qty = 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
                d.line(new OrderDraft.Line(p.sku(), p.title(), p.variant(), qty, new BigDecimal(p.price())));
                subtotal = subtotal.add(new BigDecimal(p.price()).multiply(BigDecimal.valueOf(qty)));
            }
            d.totalTax(subtotal.multiply(new BigDecimal("0.08")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            if (random.nextInt(10) == 0) d.financialStatus("pending");
            drafts.add(d);
        }
        return drafts;
    }
}
