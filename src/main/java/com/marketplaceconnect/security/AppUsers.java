package com.marketplaceconnect.security;

import com.marketplaceconnect.accounts.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The seller's page users (table app_user): created through POST /api/app-users or at start-up; passwords bcrypt. */
@Component
public class AppUsers {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public AppUsers(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Creates the user, or sets the password, role and seller of an existing one. */
    public AppUser save(String username, String password, String role, String sellerReference) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidRequestException("username", "3 to 64 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidRequestException("password", "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        AppUser.Role r = parseRole(role);
        String reference = sellerReference == null || sellerReference.isBlank() ? null : sellerReference.trim();
        if (r == AppUser.Role.SELLER && reference == null) {
            throw new InvalidRequestException("sellerReference", "is required for a SELLER (the accounts' sellerReference)");
        }
        if (r == AppUser.Role.STAFF) {
            reference = null;
        }
        String hash = encoder.encode(password);
        jdbc.update("""
                insert into app_user (username, password_hash, role, seller_reference) values (?, ?, ?, ?)
                on conflict (username) do update set password_hash = excluded.password_hash, role = excluded.role,
                    seller_reference = excluded.seller_reference, updated_at = now()
                """, username, hash, r.name(), reference);
        return new AppUser(username, hash, r, reference);
    }

    public Optional<AppUser> find(String username) {
        return jdbc.query("select username, password_hash, role, seller_reference from app_user where username = ?",
                (rs, n) -> new AppUser(rs.getString(1), rs.getString(2), AppUser.Role.valueOf(rs.getString(3)), rs.getString(4)),
                username).stream().findFirst();
    }

    /** Spring Security's lookup for the page's form login. */
    UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private static AppUser.Role parseRole(String role) {
        if (role != null) {
            for (AppUser.Role r : AppUser.Role.values()) {
                if (r.name().equals(role.trim().toUpperCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new InvalidRequestException("role", "must be STAFF or SELLER");
    }
}
