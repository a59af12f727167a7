package com.marketplaceconnect.amazon;

import com.marketplaceconnect.accounts.AccountNotFoundException;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Amazon's private-app model: a self-authorized refresh token from Seller Central, connected directly. */
@RestController
@RequestMapping("/api/accounts/amazon")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class AmazonAccountController {
    private final AmazonAccounts amazon;
    private final AccountRepository accounts;

    public AmazonAccountController(AmazonAccounts amazon, AccountRepository accounts) {
        this.amazon = amazon;
        this.accounts = accounts;
    }

    public record AmazonRefreshTokenRequest(@NotBlank String sellingPartnerId, @NotBlank String region,
                                            @NotEmpty List<String> marketplaces, @NotBlank String refreshToken,
                                            String sellerReference) {
        @Override
        public String toString() {
            return "AmazonRefreshTokenRequest[sellingPartnerId=" + sellingPartnerId + ", region=" + region + "]";
        }
    }

    @Operation(summary = "Connect Amazon with a self-authorized refresh token (private app)",
            description = "The token is tried once against Login with Amazon before anything is saved.")
    @PostMapping
    ResponseEntity<SellerAccount> connect(@Valid @RequestBody AmazonRefreshTokenRequest request) {
        long id = amazon.connectWithRefreshToken(request.sellingPartnerId(), request.region(), request.marketplaces(),
                request.refreshToken(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id)));
    }
}
