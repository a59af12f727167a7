package com.marketplaceconnect.sandbox.shopify;

/** The buyer of an order; {@code id} is the numeric id (gid://shopify/Customer/{id}). */
public record Customer(long id, String firstName, String lastName, String email, String phone) {

    public String displayName() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? (email == null ? "" : email) : n;
    }
}
