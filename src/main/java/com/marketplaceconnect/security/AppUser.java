package com.marketplaceconnect.security;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in user of the seller's page: staff see every account, a seller only the accounts carrying their
 * {@code sellerReference}. Roles STAFF and SELLER (authorities ROLE_STAFF, ROLE_SELLER).
 */
public class AppUser extends User {
    public enum Role { STAFF, SELLER }

    private final Role role;
    private final String sellerReference;

    public AppUser(String username, String passwordHash, Role role, String sellerReference) {
        super(username, passwordHash, AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
        this.role = role;
        this.sellerReference = sellerReference;
    }

    public Role role() {
        return role;
    }

    public boolean staff() {
        return role == Role.STAFF;
    }

    /** The aggregator's seller this user is (null for staff). */
    public String sellerReference() {
        return sellerReference;
    }
}
