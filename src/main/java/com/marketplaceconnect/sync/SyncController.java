package com.marketplaceconnect.sync;

import com.marketplaceconnect.accounts.AccountNotFoundException;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.util.List;
import java.util.Map;

/** "Sync Orders" and the run history of an account. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Seller accounts", description = "Connected marketplace accounts, their marketplaces, syncs and disconnection")
public class SyncController {
    private final AccountRepository accounts;
    private final SyncLauncher launcher;
    private final SyncRuns runs;

    public SyncController(AccountRepository accounts, SyncLauncher launcher, SyncRuns runs) {
        this.accounts = accounts;
        this.launcher = launcher;
        this.runs = runs;
    }

    /** "Sync Orders": 202 with the run id; 409 while a sync of this account is running. */
    @Operation(summary = "Sync the account's orders now", description = "202 with the run id; 409 while a sync of the account runs or when it is not CONNECTED.")
    @PostMapping("/{id}/sync")
    ResponseEntity<Map<String, Object>> sync(@PathVariable long id) {
        long runId = launcher.launch(account(id), SyncTrigger.MANUAL);
        return ResponseEntity.accepted().body(Map.of("runId", runId, "accountId", id, "status", "RUNNING"));
    }

    @Operation(summary = "The account's recent sync runs, newest first")
    @GetMapping("/{id}/sync-runs")
    List<SyncRun> syncRuns(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        account(id);
        return runs.recent(id, Math.min(Math.max(limit, 1), 200));
    }

    /** One run, for a dashboard that polls a "Sync Orders" it started: pages, calls, orders so far, status, error. */
    @Operation(summary = "One sync run of the account", description = "Its status (RUNNING until it ends), window, pages fetched, "
            + "API calls, throttled responses, orders inserted and updated so far, and its error. 404 for a run of another account.")
    @GetMapping("/{id}/sync-runs/{runId}")
    SyncRun syncRun(@PathVariable long id, @PathVariable long runId) {
        account(id);
        return runs.findOfAccount(id, runId).orElseThrow(() -> new SyncRunNotFoundException(id, runId));
    }

    private SellerAccount account(long id) {
        return accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }
}
