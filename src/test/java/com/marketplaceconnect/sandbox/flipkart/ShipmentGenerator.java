package com.marketplaceconnect.sandbox.flipkart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Makes plausible Flipkart shipments, deterministically for a seed. Order dates are spread over [from, to] and
 * nothing is updated after {@code to}. About one order in five spans two shipments, one shipment in four has two
 * items; 30% are self-ship. Status mix: pre-dispatch 65% (8% of those on hold), SHIPPED 13%, DELIVERED 10%,
 * CANCELLED 12% (all three cancellation types).
 */
final class ShipmentGenerator {

    record City(String city, String state, String stateCode, String pinPrefix) {
    }

    record Product(String fsn, String sku, String title, String hsn, long price) {
    }

    static final List<String> FIRST_NAMES = List.of("Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Isha",
            "Rahul", "Sneha", "Aditya", "Meera", "Karan", "Pooja", "Siddharth", "Divya", "Nikhil", "Lakshmi", "Imran", "Fatima",
            "Harpreet", "Gaurav", "Shreya", "Manoj");
    static final List<String> LAST_NAMES = List.of("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Mehta", "Rao",
            "Das", "Kulkarni", "Menon", "Khan", "Banerjee", "Joshi", "Chopra", "Yadav", "Pillai");
    static final List<String> STREETS = List.of("MG Road", "Linking Road", "Brigade Road", "Anna Salai", "Park Street",
            "FC Road", "Residency Road", "Nehru Nagar", "Gandhi Marg", "Station Road", "Civil Lines", "Sector 18");
    static final List<String> LANDMARKS = List.of("Near City Mall", "Opp. SBI Bank", "Behind Bus Stand", "Near Metro Station",
            "Next to Apollo Pharmacy", "");
    static final List<City> CITIES = List.of(
            new City("Mumbai", "Maharashtra", "IN-MH", "4000"), new City("Pune", "Maharashtra", "IN-MH", "4110"),
            new City("Bengaluru", "Karnataka", "IN-KA", "5600"), new City("New Delhi", "Delhi", "IN-DL", "1100"),
            new City("Chennai", "Tamil Nadu", "IN-TN", "6000"), new City("Hyderabad", "Telangana", "IN-TG", "5000"),
            new City("Kolkata", "West Bengal", "IN-WB", "7000"), new City("Ahmedabad", "Gujarat", "IN-GJ", "3800"),
            new City("Jaipur", "Rajasthan", "IN-RJ", "3020"), new City("Lucknow", "Uttar Pradesh", "IN-UP", "2260"),
            new City("Kochi", "Kerala", "IN-KL", "6820"), new City("Bhopal", "Madhya Pradesh", "IN-MP", "4620"),
            new City("Patna", "Bihar", "IN-BR", "8000"), new City("Chandigarh", "Chandigarh", "IN-CH", "1600"));
    static final List<Product> PRODUCTS = List.of(
            new Product("BOTGZ7YHK3FQXN2M", "FK-BOTTLE-1L-SLV", "Milton Thermosteel Flip Lid 1000 ml Flask (Silver)", "73239990", 899),
            new Product("ACCGHXZ8UHNQ4ZKF", "FK-EARBUDS-BLK", "boAt Airdopes 141 Bluetooth Headset (Bold Black, True Wireless)", "85183020", 1299),
            new Product("SPMFY3HZ8GQ2WZKX", "FK-YOGAMAT-6MM", "Strauss Yoga Mat 6 mm (Purple, Anti-slip)", "95069190", 549),
            new Product("MUGGBH7ZT2YVZ8RK", "FK-MUG-SET4", "Clay Craft Ceramic Coffee Mug Set of 4 (350 ml)", "69120010", 699),
            new Product("KTAGZ3ZQHMTYB8ZF", "FK-KURTA-NAVY-L", "Men Solid Pure Cotton Straight Kurta (Navy Blue, L)", "62053000", 599),
            new Product("WALFZKJ8QGHZNYDX", "FK-WALLET-BRN", "Men Casual Brown Genuine Leather Wallet (6 Card Slots)", "42023120", 449),
            new Product("ACCFZ5YKQ8HGZTVR", "FK-CASE-CLR", "Shockproof Back Cover for Redmi Note 13 (Transparent)", "39269099", 249),
            new Product("TEAFYZ7H3KQ8RZBN", "FK-CHAI-500G", "Tata Tea Gold Masala Chai 500 g", "09024020", 329),
            new Product("PANGZ2HQ8YKTXZ7M", "FK-TAWA-28", "Prestige Omega Select Plus Non-Stick Tawa 28 cm", "73239310", 1099),
            new Product("CHGGZ8KHQ3YTZRBV", "FK-CHARGER-33W", "Mi 33W SonicCharge 2.0 USB-C Charger (White)", "85044030", 999));
    static final List<String[]> COURIERS = List.of(new String[]{"Delhivery", "DELHIVERY"}, new String[]{"Blue Dart", "BLUEDART"},
            new String[]{"DTDC", "DTDC"}, new String[]{"India Post", "INDIAPOST"}, new String[]{"Ecom Express", "ECOMEXPRESS"});
    static final List<String> CANCELLATION_REASONS = List.of("order_cancelled", "not_enough_inventory", "price_error",
            "ordered_by_mistake", "delivery_delayed", "fraud_suspected");

    /** The order and self-ship shipment docs/shipment-event.flipkart.example.json dispatches, with its two items. */
    static final String EXAMPLE_ORDER_ID = "OD431234567890123100";
    static final String EXAMPLE_SHIPMENT_ID = "3f6c2a9e-51d4-3b0e-9a51-0c2e6f1d7b42";
    static final String EXAMPLE_ITEM_ONE = "212345678901234567";
    static final String EXAMPLE_ITEM_TWO = "212345678901234568";

    private ShipmentGenerator() {
    }

    /**
     * The demo seller's shipment that the documentation's Flipkart event dispatches: one self-ship shipment, ready to
     * dispatch and not on hold, ordered two days before {@code to}, items 212345678901234567 (1 flask) and
     * 212345678901234568 (2 mug sets).
     */
    static StoredShipment example(String sellerId, List<String> locationIds, Instant to) {
        Instant orderDate = to.minus(Duration.ofDays(2));
        Product flask = PRODUCTS.get(0);
        Product mugs = PRODUCTS.get(3);
        List<StoredShipment.Item> items = List.of(
                new StoredShipment.Item(EXAMPLE_ITEM_ONE, flask.fsn(), flask.sku(), "LST" + flask.fsn() + "0042", flask.hsn(),
                        flask.title(), 1, flask.price(), 0, 0, "CG4312345671"),
                new StoredShipment.Item(EXAMPLE_ITEM_TWO, mugs.fsn(), mugs.sku(), "LST" + mugs.fsn() + "0042", mugs.hsn(),
                        mugs.title(), 2, mugs.price() * 2, 0, 0, "CG4312345672"));
        StoredShipment.Address address = new StoredShipment.Address("Ananya", "Iyer", "27, Brigade Road",
                "Flat 12, Lotus Towers", "Near Metro Station", "Bengaluru", "Karnataka", "IN-KA", "560025", "9845012345");
        return new StoredShipment(EXAMPLE_SHIPMENT_ID, "SUB431234567890", sellerId, EXAMPLE_ORDER_ID, locationIds.get(0), "SELF",
                "PREPAID", orderDate, orderDate, orderDate.plus(Duration.ofDays(2)), address, "ananya.431234@example.in", items,
                "READY_TO_DISPATCH", false, orderDate.plus(Duration.ofHours(3)));
    }

    static List<StoredShipment> generate(String sellerId, List<String> locationIds, int count, Instant from, Instant to,
                                         long seed, Predicate<String> orderIdTaken) {
        Random rnd = new Random(seed);
        long lo = from.getEpochSecond();
        long hi = Math.max(lo, to.getEpochSecond());
        List<StoredShipment> result = new ArrayList<>(count);
        Set<String> newOrderIds = new HashSet<>();
        while (result.size() < count) {
            String orderId;
            do {
                orderId = "OD" + digits(rnd, 18);
            } while (!newOrderIds.add(orderId) || orderIdTaken.test(orderId));
            Instant orderDate = Instant.ofEpochSecond(lo + (long) (rnd.nextDouble() * (hi - lo)));
            int shipments = count - result.size() >= 2 && rnd.nextInt(5) == 0 ? 2 : 1;
            String first = pick(rnd, FIRST_NAMES);
            String last = pick(rnd, LAST_NAMES);
            City city = pick(rnd, CITIES);
            StoredShipment.Address address = new StoredShipment.Address(first, last,
                    (1 + rnd.nextInt(250)) + ", " + pick(rnd, STREETS),
                    rnd.nextInt(3) == 0 ? "Flat " + (1 + rnd.nextInt(40)) + ", " + pick(rnd, List.of("Sai Residency", "Green Park Apartments", "Lotus Towers")) : "",
                    pick(rnd, LANDMARKS), city.city(), city.state(), city.stateCode(),
                    city.pinPrefix() + String.format("%02d", 1 + rnd.nextInt(98)), "9" + digits(rnd, 9));
            String email = first.toLowerCase() + "." + digits(rnd, 6) + "@example.in";
            String payment = rnd.nextInt(100) < 35 ? "COD" : "PREPAID";
            for (int n = 0; n < shipments; n++) {
                result.add(shipment(rnd, sellerId, orderId, orderDate, hi, locationIds, address, email, payment));
            }
        }
        return result;
    }

    private static StoredShipment shipment(Random rnd, String sellerId, String orderId, Instant orderDate, long hi,
                                           List<String> locationIds, StoredShipment.Address address, String email, String payment) {
        int draw = rnd.nextInt(100);
        String status;
        if (draw < 28) status = "APPROVED";
        else if (draw < 36) status = "PACKING_IN_PROGRESS";
        else if (draw < 47) status = "PACKED";
        else if (draw < 50) status = "FORM_FAILED";
        else if (draw < 65) status = "READY_TO_DISPATCH";
        else if (draw < 78) status = "SHIPPED";
        else if (draw < 88) status = "DELIVERED";
        else status = "CANCELLED";
        int typeDraw = rnd.nextInt(100);
        String shipmentType = typeDraw < 30 ? "SELF" : typeDraw < 40 ? "EXPRESS" : "NORMAL";
        int itemCount = rnd.nextInt(4) == 0 ? 2 : 1;
        List<StoredShipment.Item> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            Product p = pick(rnd, PRODUCTS);
            int quantity = rnd.nextInt(10) < 8 ? 1 : 2;
            long shipping = p.price() < 500 ? 40 : 0;
            long discount = rnd.nextInt(3) == 0 ? p.price() / 10 : 0;
            String itemId = "2" + digits(rnd, 17);
            items.add(new StoredShipment.Item(itemId, p.fsn(), p.sku(), "LST" + p.fsn() + digits(rnd, 4), p.hsn(), p.title(),
                    quantity, p.price() * quantity, shipping * quantity, discount * quantity, "CG" + digits(rnd, 10)));
        }
        long maxAfter = Math.max(0, hi - orderDate.getEpochSecond());
        long offset = switch (status) {
            case "APPROVED" -> rnd.nextInt(1800);
            case "SHIPPED", "DELIVERED" -> 86_400 + rnd.nextInt(3 * 86_400);
            default -> rnd.nextInt(12 * 3600);
        };
        Instant updatedAt = orderDate.plusSeconds(Math.min(offset, maxAfter));
        Instant dispatchAfter = rnd.nextInt(10) == 0 ? orderDate.plus(Duration.ofHours(6)) : orderDate;
        Instant dispatchBy = orderDate.plus(Duration.ofDays(1 + rnd.nextInt(2)));
        boolean hold = StoredShipment.PRE_DISPATCH.contains(status) && rnd.nextInt(100) < 8;
        StoredShipment s = new StoredShipment(UUID.nameUUIDFromBytes((orderId + rnd.nextLong()).getBytes()).toString(),
                "SUB" + digits(rnd, 12), sellerId, orderId, pick(rnd, locationIds), shipmentType, payment, orderDate,
                dispatchAfter, dispatchBy, address, email, items, "CANCELLED".equals(status) ? "APPROVED" : status, hold, updatedAt);
        if ("CANCELLED".equals(status)) {
            String type = pick(rnd, List.of("sellerCancellation", "buyerCancellation", "marketplaceCancellation"));
            s.cancel(type, pick(rnd, CANCELLATION_REASONS), updatedAt);
        } else if (StoredShipment.POST_DISPATCH.contains(status)) {
            String[] courier = "SELF".equals(shipmentType) ? pick(rnd, COURIERS) : new String[]{"E-Kart Logistics", "EKART"};
            s.setDispatch(new StoredShipment.Dispatch(courier[0], courier[1], "FMPC" + digits(rnd, 10), null, null, null), updatedAt);
        }
        return s;
    }

    static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    static String digits(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) ('0' + rnd.nextInt(10));
        if (c[0] == '0') c[0] = '1';
        return new String(c);
    }
}
