package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.accounts.AccountNotFoundException;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Connecting a Flipkart seller by pasting its API application credentials. Responses never carry the secret. */
@RestController
@RequestMapping("/api/accounts/flipkart")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class FlipkartAccountController {
    private final FlipkartAccounts flipkart;
    private final AccountRepository accounts;

    public FlipkartAccountController(FlipkartAccounts flipkart, AccountRepository accounts) {
        this.flipkart = flipkart;
        this.accounts = accounts;
    }

    public record ConnectRequest(@NotBlank String sellerId, @NotBlank String applicationId,
                                 @NotBlank String applicationSecret, String sellerReference) {
        @Override
        public String toString() {
            return "ConnectRequest[sellerId=" + sellerId + ", applicationId=" + applicationId + "]";
        }
    }

    /** 201 with the account once the credentials got a token and searched shipments; 422 when Flipkart refused them. */
    @Operation(summary = "Connect a Flipkart seller with its API application credentials",
            description = "The seller's application id and secret (Seller Hub → Manage apps) are tried first: a token, then one "
                    + "shipments search. 201 with the account (CONNECTED, marketplace IN; the secret is stored encrypted and "
                    + "never returned); the same seller again reconnects its account. 400 naming each missing field; 422 when "
                    + "Flipkart refused the credentials (field applicationId: unknown application, applicationSecret: wrong "
                    + "secret) or the search, with Flipkart's message, and nothing is saved; 409 when Flipkart could not be "
                    + "reached or failed the search: try again.")
    @PostMapping
    ResponseEntity<SellerAccount> connect(@Valid @RequestBody ConnectRequest request) {
        long id = flipkart.connect(request.sellerId(), request.applicationId(), request.applicationSecret(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id)));
    }
}
