package com.marketplaceconnect.accounts;

import com.marketplaceconnect.connectors.Connectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.*;

import java.util.List;

/** The admin API of seller accounts. Responses never carry a credential. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class AccountController {
    private final AccountRepository accounts;
    private final Connectors connectors;
    private final ApplicationEventPublisher events;

    public AccountController(AccountRepository accounts, Connectors connectors, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.events = events;
    }

    @Operation(summary = "List seller accounts", description = "Status and reason, enabled marketplaces, last sync and last error; never a credential.")
    @GetMapping
    List<SellerAccount> list() {
        return accounts.list();
    }

    @Operation(summary = "One seller account")
    @GetMapping("/{id}")
    SellerAccount get(@PathVariable long id) {
        return accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    /** The marketplaces a sync covers, and those the account's region offers. */
    public record MarketplaceSelection(long accountId, String region, List<String> marketplaces, List<String> available) {
    }

    /** {"marketplaces": ["IN", "UK"]}, or the bare array ["IN", "UK"]. */
    public record MarketplacesRequest(@NotNull List<String> marketplaces) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static MarketplacesRequest of(com.fasterxml.jackson.databind.JsonNode body) {
            com.fasterxml.jackson.databind.JsonNode list = body.isArray() ? body : body.get("marketplaces");
            if (list == null || list.isNull()) {
                return new MarketplacesRequest(null);
            }
            if (!list.isArray()) {
                throw new InvalidRequestException("marketplaces", "must be a list of marketplace codes, e.g. [\"IN\", \"UK\"]");
            }
            List<String> codes = new java.util.ArrayList<>();
            list.forEach(code -> codes.add(code.asText()));
            return new MarketplacesRequest(codes);
        }
    }

    @Operation(summary = "The account's enabled marketplaces")
    @GetMapping("/{id}/marketplaces")
    MarketplaceSelection marketplaces(@PathVariable long id) {
        SellerAccount account = get(id);
        List<String> available = connectors.of(account.marketplace()).availableMarketplaces(account.region(), account.marketplaces());
        return new MarketplaceSelection(id, account.region(), account.marketplaces(), available);
    }

    @Operation(summary = "Set the account's enabled marketplaces",
            description = "Marketplace codes of the account's region (IN, UK, DE …). A newly enabled marketplace gets its own "
                    + "first sync (amazon.sync.initial-window); a disabled one keeps its watermark, so enabling it again resumes.")
    @PutMapping("/{id}/marketplaces")
    MarketplaceSelection setMarketplaces(@PathVariable long id, @Valid @RequestBody MarketplacesRequest request) {
        SellerAccount account = get(id);
        connectors.of(account.marketplace()).setMarketplaces(id, account.region(), request.marketplaces());
        return marketplaces(id);
    }

    @Operation(summary = "Disconnect the account",
            description = "Erases its credentials and sets it DISCONNECTED; orders are kept. Connecting the same seller again "
                    + "(same flow as a first connection) reconnects this account.")
    @DeleteMapping("/{id}")
    SellerAccount disconnect(@PathVariable long id) {
        get(id);
        accounts.disconnect(id, "Disconnected through the admin API; connect again to resume syncing");
        events.publishEvent(new AccountDisconnected(id));
        return get(id);
    }
}
