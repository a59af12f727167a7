package com.marketplaceconnect.accounts;

import com.marketplaceconnect.amazon.AmazonAccounts;
import com.marketplaceconnect.sync.SyncLauncher;
import com.marketplaceconnect.sync.SyncRun;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncTrigger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.util.List;
import java.util.Map;

/** The admin API of seller accounts. Responses never carry a credential. */
@RestController
@RequestMapping("/api/accounts")
public class AccountController {
    private final AccountRepository accounts;
    private final AmazonAccounts amazon;
    private final SyncLauncher launcher;
    private final SyncRuns runs;

    public AccountController(AccountRepository accounts, AmazonAccounts amazon, SyncLauncher launcher, SyncRuns runs) {
        this.accounts = accounts;
        this.amazon = amazon;
        this.launcher = launcher;
        this.runs = runs;
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

    @PostMapping("/amazon")
    ResponseEntity<SellerAccount> connectAmazon(@Valid @RequestBody AmazonRefreshTokenRequest request) {
        long id = amazon.connectWithRefreshToken(request.sellingPartnerId(), request.region(), request.marketplaces(),
                request.refreshToken(), request.sellerReference());
        return ResponseEntity.status(HttpStatus.CREATED).body(get(id));
    }

    @GetMapping
    List<SellerAccount> list() {
        return accounts.list();
    }

    @GetMapping("/{id}")
    SellerAccount get(@PathVariable long id) {
        return accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    /** "Sync Orders": 202 with the run id; 409 while a sync of this account is running. */
    @PostMapping("/{id}/sync")
    ResponseEntity<Map<String, Object>> sync(@PathVariable long id) {
        long runId = launcher.launch(get(id), SyncTrigger.MANUAL);
        return ResponseEntity.accepted().body(Map.of("runId", runId, "accountId", id, "status", "RUNNING"));
    }

    @GetMapping("/{id}/sync-runs")
    List<SyncRun> syncRuns(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        get(id);
        return runs.recent(id, Math.min(Math.max(limit, 1), 200));
    }
}
