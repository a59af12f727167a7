package com.marketplaceconnect.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates the users of the seller's page (/app). The answer never carries the password or its hash. */
@RestController
@RequestMapping("/api/app-users")
@Tag(name = "Seller's page users", description = "Who may sign in to the seller's page (/app): staff or a seller")
public class AppUserController {
    private final AppUsers users;

    public AppUserController(AppUsers users) {
        this.users = users;
    }

    public record AppUserRequest(String username, String password, String role, String sellerReference) {
        @Override
        public String toString() {
            return "AppUserRequest[username=" + username + ", role=" + role + ", sellerReference=" + sellerReference + "]";
        }
    }

    public record AppUserView(String username, String role, String sellerReference) {
    }

    @Operation(summary = "Create a user of the seller's page, or change an existing one",
            description = "role STAFF (sees every account) or SELLER (sees only the accounts whose sellerReference is theirs; "
                    + "sellerReference required). The password (8 characters or more) is stored as a bcrypt hash. 201 with the "
                    + "user, never the password; 400 naming the field.")
    @PostMapping
    ResponseEntity<AppUserView> save(@RequestBody AppUserRequest request) {
        AppUser user = users.save(request.username(), request.password(), request.role(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED).body(new AppUserView(user.getUsername(), user.role().name(), user.sellerReference()));
    }
}
