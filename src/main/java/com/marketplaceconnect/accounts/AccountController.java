package com.marketplaceconnect.accounts;

import com.marketplaceconnect.amazon.AmazonAccounts;
import com.marketplaceconnect.sync.SyncLauncher;
import com.marketplaceconnect.sync.SyncRun;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncTrigger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.util.List;
import java.util.Map;

/** The admin API of seller accounts. Responses never carry a credential. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class AccountController {
    private final AccountRepository accounts;
    private final AmazonAccounts amazon;
    private final SyncLauncher launcher;
    private final SyncRuns runs;
    private final ApplicationEventPublisher events;

    public AccountController(AccountRepository accounts, AmazonAccounts amazon, SyncLauncher launcher, SyncRuns runs,
                             ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.amazon = amazon;
        this.launcher = launcher;
        this.runs = runs;
        this.events = events;
    }

    /** Amazon private-app model: a self-authorized refresh token from Seller Central. */
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
    @PostMapping("/amazon")
    ResponseEntity<SellerAccount> connectAmazon(@Valid @RequestBody AmazonRefreshTokenRequest request) {
        long id = amazon.connectWithRefreshToken(request.sellingPartnerId(), request.region(), request.marketplaces(),
                request.refreshToken(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED).body(get(id));
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

    /** "Sync Orders": 202 with the run id; 409 while a sync of this account is running. */
    @Operation(summary = "Sync the account's orders now", description = "202 with the run id; 409 while a sync of the account runs or when it is not CONNECTED.")
    @PostMapping("/{id}/sync")
    ResponseEntity<Map<String, Object>> sync(@PathVariable long id) {
        long runId = launcher.launch(get(id), SyncTrigger.MANUAL);
        return ResponseEntity.accepted().body(Map.of("runId", runId, "accountId", id, "status", "RUNNING"));
    }

    @Operation(summary = "The account's recent sync runs, newest first")
    @GetMapping("/{id}/sync-runs")
    List<SyncRun> syncRuns(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        get(id);
        return runs.recent(id, Math.min(Math.max(limit, 1), 200));
    }

    /** The marketplaces a sync covers, and those the account's region offers. */
    public record MarketplaceSelection(long accountId, String region, List<String> marketplaces, List<String> available) {
    }

    public record MarketplacesRequest(@NotNull List<String> marketplaces) {
    }

    @Operation(summary = "The account's enabled marketplaces")
    @GetMapping("/{id}/marketplaces")
    MarketplaceSelection marketplaces(@PathVariable long id) {
        SellerAccount account = get(id);
        List<String> available = account.marketplace() == Marketplace.AMAZON ? AmazonAccounts.marketplaceCodes(account.region())
                : account.marketplaces();
        return new MarketplaceSelection(id, account.region(), account.marketplaces(), available);
    }

    @Operation(summary = "Set the account's enabled marketplaces",
            description = "Marketplace codes of the account's region (IN, UK, DE …). A newly enabled marketplace gets its own "
                    + "first sync (amazon.sync.initial-window); a disabled one keeps its watermark, so enabling it again resumes.")
    @PutMapping("/{id}/marketplaces")
    MarketplaceSelection setMarketplaces(@PathVariable long id, @Valid @RequestBody MarketplacesRequest request) {
        amazon.setMarketplaces(get(id), request.marketplaces());
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
