package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.AccountDisconnected;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.UnsupportedMarketplaceOperationException;
import com.marketplaceconnect.security.AppUser;
import com.marketplaceconnect.sync.SyncAlreadyRunningException;
import com.marketplaceconnect.sync.SyncLauncher;
import com.marketplaceconnect.sync.SyncNotQueuedException;
import com.marketplaceconnect.sync.SyncRun;
import com.marketplaceconnect.sync.SyncRuns;
import com.marketplaceconnect.sync.SyncTrigger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account: its status and what to do, enabled marketplaces (picked among its region's), Sync Orders with live
 * progress (the page's script polls the run's JSON), the run history with errors, and Disconnect after a confirmation.
 * The same core code as the admin API: SyncLauncher, SyncRuns, the connector's setMarketplaces, the account disconnect.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden   // a page, not part of the API
@RequestMapping("/app/accounts/{id}")
class AccountPage {
    private final SellerScope scope;
    private final AccountRepository accounts;
    private final Connectors connectors;
    private final SyncLauncher launcher;
    private final SyncRuns runs;
    private final MarketplaceLabels labels;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountPage(SellerScope scope, AccountRepository accounts, Connectors connectors, SyncLauncher launcher, SyncRuns runs,
                MarketplaceLabels labels, ApplicationEventPublisher events, Clock clock) {
        this.scope = scope;
        this.accounts = accounts;
        this.connectors = connectors;
        this.launcher = launcher;
        this.runs = runs;
        this.labels = labels;
        this.events = events;
        this.clock = clock;
    }

    /** A marketplace the account may enable, and whether it is enabled. */
    public record MarketplaceChoice(String code, String label, boolean enabled) {
    }

    /** A sync run as its progress line reads. */
    public record Progress(long runId, String status, boolean running, int pages, int ordersStored, String error, String text) {
        static Progress of(SyncRun run) {
            boolean running = "RUNNING".equals(run.status());
            int stored = run.ordersInserted() + run.ordersUpdated();
            String counts = run.pages() + (run.pages() == 1 ? " page" : " pages") + " fetched, " + stored
                    + (stored == 1 ? " order" : " orders") + " stored";
            String text = running ? "Sync running: " + counts + "…"
                    : "SUCCEEDED".equals(run.status()) ? "Sync finished: " + counts + "."
                    : "Sync " + run.status().toLowerCase(java.util.Locale.ROOT) + ": " + counts
                            + (run.error() == null ? "." : ". " + run.error());
            return new Progress(run.id(), run.status(), running, run.pages(), stored, run.error(), text);
        }
    }

    @GetMapping
    String show(@AuthenticationPrincipal AppUser user, @PathVariable long id, @RequestParam(required = false) Long run, Model model) {
        SellerAccount account = scope.account(user, id);
        String name = labels.displayName(account.marketplace());
        model.addAttribute("user", user);
        model.addAttribute("section", "marketplaces");
        model.addAttribute("summary", AccountSummary.of(account, name, clock.instant(), code -> labels.label(account.marketplace(), code)));
        List<String> available = connectors.has(account.marketplace())
                ? connectors.of(account.marketplace()).availableMarketplaces(account.region(), account.marketplaces())
                : account.marketplaces();
        model.addAttribute("choices", available.stream()
                .map(code -> new MarketplaceChoice(code, labels.label(account.marketplace(), code), account.marketplaces().contains(code)))
                .toList());
        model.addAttribute("canPick", available.size() > 1 || !available.equals(account.marketplaces()));
        List<SyncRun> history = runs.recent(id, 20);
        model.addAttribute("runs", history);
        // The run to follow: the one asked for, else a run still going.
        SyncRun followed = run != null ? runs.findOfAccount(id, run).orElse(null)
                : history.stream().filter(r -> "RUNNING".equals(r.status())).findFirst().orElse(null);
        model.addAttribute("progress", followed == null ? null : Progress.of(followed));
        return "app/account";
    }

    /** Sync Orders: JSON for the page's script (202 with the run, 409 in words), a redirect for a browser without it. */
    @PostMapping(value = "/sync", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> syncJson(@AuthenticationPrincipal AppUser user, @PathVariable long id) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            long runId = launcher.launch(scope.account(user, id), SyncTrigger.MANUAL);
            body.put("runId", runId);
            body.put("progressUrl", "/app/accounts/" + id + "/sync-runs/" + runId);
            body.put("message", "Sync started…");
            return ResponseEntity.accepted().body(body);
        } catch (PageNotFoundException e) {
            body.put("message", e.getMessage());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        } catch (SyncAlreadyRunningException | IllegalStateException | SyncNotQueuedException e) {
            body.put("message", refusal(e));
            return ResponseEntity.status(e instanceof SyncNotQueuedException ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT).body(body);
        }
    }

    @PostMapping("/sync")
    String sync(@AuthenticationPrincipal AppUser user, @PathVariable long id, RedirectAttributes redirect) {
        SellerAccount account = scope.account(user, id);
        try {
            redirect.addAttribute("run", launcher.launch(account, SyncTrigger.MANUAL));
        } catch (SyncAlreadyRunningException | IllegalStateException | SyncNotQueuedException e) {
            redirect.addFlashAttribute("problem", refusal(e));
        }
        return "redirect:/app/accounts/" + id;
    }

    /** One run's progress, polled by the page while it runs. */
    @GetMapping(value = "/sync-runs/{runId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Progress> progress(@AuthenticationPrincipal AppUser user, @PathVariable long id, @PathVariable long runId) {
        if (!scope.visible(user, id)) {
            return ResponseEntity.notFound().build();
        }
        return runs.findOfAccount(id, runId).map(r -> ResponseEntity.ok().header("Cache-Control", "no-store").body(Progress.of(r)))
                .orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/marketplaces")
    String setMarketplaces(@AuthenticationPrincipal AppUser user, @PathVariable long id,
                           @RequestParam(name = "codes", required = false) List<String> codes, RedirectAttributes redirect) {
        SellerAccount account = scope.account(user, id);
        try {
            connectors.of(account.marketplace()).setMarketplaces(id, account.region(), codes == null ? List.of() : codes);
            redirect.addFlashAttribute("notice", "Marketplaces saved: " + String.join(", ", codes == null ? List.of() : codes) + ".");
        } catch (InvalidRequestException | UnsupportedMarketplaceOperationException e) {
            redirect.addFlashAttribute("problem", "Marketplaces not saved: " + e.getMessage());
        }
        return "redirect:/app/accounts/" + id;
    }

    @GetMapping("/disconnect")
    String confirmDisconnect(@AuthenticationPrincipal AppUser user, @PathVariable long id, Model model) {
        SellerAccount account = scope.account(user, id);
        model.addAttribute("user", user);
        model.addAttribute("section", "marketplaces");
        model.addAttribute("summary", AccountSummary.of(account, labels.displayName(account.marketplace()), clock.instant(),
                code -> labels.label(account.marketplace(), code)));
        return "app/disconnect";
    }

    @PostMapping("/disconnect")
    String disconnect(@AuthenticationPrincipal AppUser user, @PathVariable long id, RedirectAttributes redirect) {
        SellerAccount account = scope.account(user, id);
        accounts.disconnect(id, "Disconnected on the seller's page by " + user.getUsername() + "; connect again to resume syncing");
        events.publishEvent(new AccountDisconnected(id));
        redirect.addFlashAttribute("notice", labels.displayName(account.marketplace()) + " account " + account.externalAccountId()
                + " is disconnected; its orders are kept.");
        return "redirect:/app/accounts/" + id;
    }

    private static String refusal(RuntimeException e) {
        if (e instanceof SyncAlreadyRunningException) {
            return "A sync of this account is already running, so no second one was started (409). Its progress shows here; "
                    + "press Sync Orders again once it has finished.";
        }
        if (e instanceof SyncNotQueuedException) {
            return "The sync could not be started just now: " + e.getMessage() + " Try again in a moment.";
        }
        return "This account cannot be synced now (409): " + e.getMessage();
    }
}
