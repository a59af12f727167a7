package com.marketplaceconnect.sandbox.shopify;

/** A mailing address (Shopify's MailingAddress; REST shipping_address/billing_address). */
public record Address(String firstName, String lastName, String company, String address1, String address2, String city,
                      String province, String provinceCode, String country, String countryCode, String zip, String phone) {

    public String name() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? null : n;
    }

    /** The address Shopify's own test payload ships to (fixtures/shopify/orders-create-webhook.json). */
    public static Address example() {
        return new Address("Steve", "Shipper", "Shipping Company", "123 Shipping Street", null, "Shippington",
                "Kentucky", "KY", "United States", "US", "40003", "555-555-SHIP");
    }
}
