package com.marketplaceconnect.sandbox.amazon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Names, addresses and products the order generator draws from, per country; and the demo seller's order that the
 * documentation's shipment event ships.
 */
final class DemoCatalog {

    record City(String city, String district, String state, String postalCode) {
    }

    record Product(String asin, String title, String sku, long usdCents) {
    }

    record Locale(String countryCode, List<String> firstNames, List<String> lastNames, List<String> streets,
                  List<City> cities, String phonePrefix, int phoneDigits, String emailDomain, List<String> carriers) {
    }

    static final Locale INDIA = new Locale("IN",
            List.of("Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Isha", "Rahul", "Sneha",
                    "Aditya", "Meera", "Karan", "Pooja", "Siddharth", "Divya", "Nikhil", "Lakshmi", "Imran", "Fatima"),
            List.of("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Mehta", "Rao", "Das",
                    "Kulkarni", "Menon", "Khan", "Banerjee", "Joshi", "Chopra"),
            List.of("MG Road", "Linking Road", "Brigade Road", "Anna Salai", "Park Street", "FC Road",
                    "Residency Road", "Nehru Nagar", "Gandhi Marg", "Station Road"),
            List.of(new City("Mumbai", "Mumbai City", "Maharashtra", "400001"),
                    new City("Bengaluru", "Bengaluru Urban", "Karnataka", "560001"),
                    new City("New Delhi", "New Delhi", "Delhi", "110001"),
                    new City("Chennai", "Chennai", "Tamil Nadu", "600001"),
                    new City("Hyderabad", "Hyderabad", "Telangana", "500001"),
                    new City("Kolkata", "Kolkata", "West Bengal", "700001"),
                    new City("Pune", "Pune", "Maharashtra", "411001"),
                    new City("Ahmedabad", "Ahmedabad", "Gujarat", "380001"),
                    new City("Jaipur", "Jaipur", "Rajasthan", "302001"),
                    new City("Lucknow", "Lucknow", "Uttar Pradesh", "226001"),
                    new City("Kochi", "Ernakulam", "Kerala", "682001"),
                    new City("Chandigarh", "Chandigarh", "Chandigarh", "160017")),
            "+91 9", 9, "marketplace.amazon.in", List.of("Delhivery", "BlueDart", "India Post", "DTDC"));

    static final Locale UK = new Locale("GB",
            List.of("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Noah", "Sophie",
                    "Charlie", "Grace", "Thomas", "Freya"),
            List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Thomas",
                    "Roberts", "Walker"),
            List.of("High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Queen Street",
                    "Mill Lane", "Oak Avenue"),
            List.of(new City("London", "Greater London", "England", "SW1A 1AA"),
                    new City("Manchester", "Greater Manchester", "England", "M1 1AE"),
                    new City("Birmingham", "West Midlands", "England", "B1 1AA"),
                    new City("Leeds", "West Yorkshire", "England", "LS1 1UR"),
                    new City("Bristol", "Bristol", "England", "BS1 4DJ"),
                    new City("Liverpool", "Merseyside", "England", "L1 8JQ"),
                    new City("Glasgow", "Glasgow City", "Scotland", "G1 1XQ"),
                    new City("Edinburgh", "City of Edinburgh", "Scotland", "EH1 1YZ"),
                    new City("Cardiff", "Cardiff", "Wales", "CF10 1EP")),
            "+44 7700 9", 5, "marketplace.amazon.co.uk", List.of("Royal Mail", "DPD", "Parcelforce", "DHL"));

    static final Locale US = new Locale("US",
            List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Susan"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis"),
            List.of("Main Street", "Oak Street", "Pine Avenue", "Maple Drive", "Cedar Lane", "Elm Street"),
            List.of(new City("Seattle", "King County", "WA", "98101"),
                    new City("Austin", "Travis County", "TX", "78701"),
                    new City("New York", "New York County", "NY", "10001"),
                    new City("Chicago", "Cook County", "IL", "60601"),
                    new City("Denver", "Denver County", "CO", "80202")),
            "+1 206-555-0", 3, "marketplace.amazon.com", List.of("UPS", "USPS", "FedEx"));

    static final List<Product> PRODUCTS = List.of(
            new Product("B0CX4TQ1A1", "Stainless Steel Insulated Water Bottle, 1 Litre, Silver", "MC-BOTTLE-1L-SLV", 1899),
            new Product("B0BZ7KJ2P4", "Wireless Bluetooth Earbuds with Charging Case, Black", "MC-EARBUDS-BLK", 3499),
            new Product("B09V3HN6Q2", "Non-Slip Yoga Mat 6mm with Carry Strap, Purple", "MC-YOGAMAT-6MM-PUR", 2499),
            new Product("B0C1R8M5ZK", "Ceramic Coffee Mug Set of 4, 350 ml, Assorted Colours", "MC-MUG-SET4", 2199),
            new Product("B08L5TNJHG", "LED Desk Lamp with USB Charging Port, Warm White", "MC-LAMP-LED-WW", 2999),
            new Product("B0D2F6W9XR", "Cotton Kurta for Men, Regular Fit, Navy Blue, Size L", "MC-KURTA-NAVY-L", 1499),
            new Product("B07QK2SPP7", "Genuine Leather Bifold Wallet for Men, Brown", "MC-WALLET-BRN", 1299),
            new Product("B0B5YT3DVF", "Shockproof Silicone Phone Case, Clear", "MC-CASE-CLR", 799),
            new Product("B0CHX1W1XY", "Premium Assam Masala Chai Tea, 500 g", "MC-CHAI-500G", 999),
            new Product("B0BSHF7WHW", "Cast Iron Skillet Pre-Seasoned, 26 cm", "MC-SKILLET-26", 3999),
            new Product("B0C7BKZ883", "Kids Story Book Collection, Set of 5 Paperbacks", "MC-BOOKS-KIDS-5", 1999),
            new Product("B0DGHRT3PL", "USB-C Fast Charger 30W with Cable, White", "MC-CHARGER-30W", 2299));

    /** The order docs/shipment-event.example.json ships: amazon.in, unshipped, fulfilled by the seller. */
    public static final String EXAMPLE_ORDER_ID = "404-1234567-1234567";
    /** Its items: one by order item id (quantity 1), one by SKU (quantity 2), as the example names them. */
    public static final String EXAMPLE_ORDER_ITEM_ID = "79039765272157";
    public static final String EXAMPLE_SKU = "MUG-BLUE-350";
    private static final Product EXAMPLE_MUG = new Product("B0CEXMUG35", "Ceramic Coffee Mug 350 ml, Blue", EXAMPLE_SKU, 899);

    private DemoCatalog() {
    }

    /**
     * The example order of the demo seller: bought two days before {@code to} (the demo data's newest time), still
     * unshipped, last updated an hour after purchase, so the first sync stores it and the example event can ship it.
     */
    static StoredOrder exampleOrder(String sellerId, Marketplace india, Instant to) {
        Instant created = to.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant day = created.truncatedTo(ChronoUnit.DAYS);
        Product bottle = PRODUCTS.get(0);
        List<StoredOrder.Item> items = List.of(
                new StoredOrder.Item(EXAMPLE_ORDER_ITEM_ID, bottle.asin(), bottle.title(), bottle.sku(), 1, price(bottle, india)),
                new StoredOrder.Item("79039765272158", EXAMPLE_MUG.asin(), EXAMPLE_MUG.title(), EXAMPLE_SKU, 2, price(EXAMPLE_MUG, india)));
        StoredOrder.Address address = new StoredOrder.Address("Priya Sharma", "12 MG Road", "Flat 4", "Bengaluru",
                "Bengaluru Urban", "Karnataka", "560001", "IN", "+91 9812345678", "RESIDENTIAL");
        return new StoredOrder(EXAMPLE_ORDER_ID, sellerId, india, "SO-00000042", created, List.of(), "MERCHANT", "STANDARD",
                day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(2)).minusSeconds(1),
                day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(6)).minusSeconds(1),
                "Priya Sharma", "priya.sharma.demo@marketplace.amazon.in", address, items, "UNSHIPPED",
                created.plus(Duration.ofHours(1)));
    }

    static Locale localeFor(Marketplace marketplace) {
        return switch (marketplace.countryCode()) {
            case "IN" -> INDIA;
            case "GB" -> UK;
            default -> US;
        };
    }

    /** Price in the marketplace currency's minor units; whole units for INR and JPY, like real listings. */
    static long price(Product product, Marketplace marketplace) {
        return switch (marketplace.currency()) {
            case "INR" -> ((product.usdCents() * 83 / 100) / 10 * 10 + 9) * 100;
            case "JPY" -> (product.usdCents() * 150 / 100) * 100;
            case "GBP" -> product.usdCents() * 79 / 100 / 10 * 10 + 9;
            case "EUR" -> product.usdCents() * 92 / 100 / 10 * 10 + 9;
            default -> product.usdCents();
        };
    }
}
