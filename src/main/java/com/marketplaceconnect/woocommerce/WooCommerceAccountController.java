package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.AccountNotFoundException;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Connecting a WooCommerce store by its REST API keys. Responses never carry a key or secret. */
@RestController
@RequestMapping("/api/accounts/woocommerce")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class WooCommerceAccountController {
    private final WooCommerceAccounts woocommerce;
    private final AccountRepository accounts;

    public WooCommerceAccountController(WooCommerceAccounts woocommerce, AccountRepository accounts) {
        this.woocommerce = woocommerce;
        this.accounts = accounts;
    }

    public record ConnectRequest(String storeUrl, String consumerKey, String consumerSecret, String sellerReference) {
        @Override
        public String toString() {
            return "ConnectRequest[storeUrl=" + storeUrl + "]";
        }
    }

    @Operation(summary = "Connect a WooCommerce store with its REST API keys",
            description = "storeUrl (https; every address its host resolves to must be public), consumerKey and consumerSecret "
                    + "(WooCommerce → Settings → Advanced → REST API, Read/Write). The keys are tried first with one orders "
                    + "call and one write probe. 201 with the account (CONNECTED; keys stored encrypted, never returned) and "
                    + "the store's order webhooks created; the same store again reconnects its account. 400 naming a missing "
                    + "field; 422 naming storeUrl (not https, a private or loopback address, unreachable, no WooCommerce API) "
                    + "or consumerKey/consumerSecret (refused by the store, read-only), with the store's message; nothing is saved.")
    @PostMapping
    ResponseEntity<SellerAccount> connect(@RequestBody ConnectRequest request) {
        long id = woocommerce.connectWithKeys(request.storeUrl(), request.consumerKey(), request.consumerSecret(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id)));
    }
}
