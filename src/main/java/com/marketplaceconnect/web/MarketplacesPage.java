package com.marketplaceconnect.web;

import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.connectors.ConnectOption;
import com.marketplaceconnect.connectors.ConnectorNotConfiguredException;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import com.marketplaceconnect.connectors.UnsupportedMarketplaceOperationException;
import com.marketplaceconnect.security.AppUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrations → Marketplaces: a card per connector (its connect options, as the connector describes them) with the
 * user's accounts of that marketplace. A REDIRECT option is a GET form to the connector's public start path; a FORM
 * option posts here and the connector tests the credentials before it saves anything.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden   // a page, not part of the API
@RequestMapping("/app")
class MarketplacesPage {
    private static final Logger log = LoggerFactory.getLogger(MarketplacesPage.class);

    private final Connectors connectors;
    private final SellerScope scope;
    private final MarketplaceLabels labels;
    private final Clock clock;

    MarketplacesPage(Connectors connectors, SellerScope scope, MarketplaceLabels labels, Clock clock) {
        this.connectors = connectors;
        this.scope = scope;
        this.labels = labels;
        this.clock = clock;
    }

    /** One marketplace's card. {@code failedOption}/{@code problem}/{@code values}: a form option that was refused. */
    public record Card(String marketplace, String displayName, List<ConnectOption> options, List<AccountSummary> accounts,
                       String failedOption, String problem, String problemField, Map<String, String> values) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }
    }

    @GetMapping({"", "/"})
    String home() {
        return "redirect:/app/marketplaces";
    }

    @GetMapping("/marketplaces")
    String marketplaces(@AuthenticationPrincipal AppUser user, Model model,
                        @RequestParam(required = false) Long accountId, @RequestParam(required = false) String status,
                        @RequestParam(required = false) String error,
                        @RequestParam(name = "error_description", required = false) String errorDescription) {
        // Back from a REDIRECT connect (the marketplace's callback added the outcome).
        if (accountId != null && scope.visible(user, accountId)) {
            SellerAccount account = scope.account(user, accountId);
            model.addAttribute("notice", labels.displayName(account.marketplace()) + " account " + account.externalAccountId()
                    + " is " + ("CONNECTED".equals(account.status().name()) ? "Connected" : account.status().name()) + ".");
            model.addAttribute("highlight", accountId);
        } else if (error != null) {
            // The marketplace callback's words (escaped like all text); kept short, it came through the address bar.
            String reason = errorDescription == null ? error : errorDescription;
            model.addAttribute("problem", "Not connected: " + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
        }
        return render(user, model, null, null, null, Map.of());
    }

    @PostMapping("/marketplaces/{marketplace}/connect/{optionId}")
    String connect(@AuthenticationPrincipal AppUser user, @PathVariable String marketplace, @PathVariable String optionId,
                   @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
                   jakarta.servlet.http.HttpServletResponse response) {
        if (!connectors.has(marketplace)) {
            throw new PageNotFoundException("No marketplace " + marketplace);
        }
        MarketplaceConnector connector = connectors.of(marketplace);
        ConnectOption option = connector.connectOptions().stream()
                .filter(o -> o.id().equals(optionId) && o.kind() == ConnectOption.Kind.FORM).findFirst()
                .orElseThrow(() -> new PageNotFoundException("No connect form " + optionId + " for " + connector.displayName()));
        Map<String, String> fields = new LinkedHashMap<>();
        option.fields().forEach(f -> fields.put(f.name(), form.getFirst(f.name())));
        String sellerReference = user.staff() ? blankToNull(form.getFirst("sellerReference")) : user.sellerReference();
        // What the form shows again on a refusal: never a secret.
        Map<String, String> echo = new LinkedHashMap<>();
        option.fields().stream().filter(f -> !f.secret()).forEach(f -> echo.put(f.name(), fields.get(f.name()) == null ? "" : fields.get(f.name())));
        if (user.staff()) {
            echo.put("sellerReference", sellerReference == null ? "" : sellerReference);
        }
        try {
            long accountId = connector.connectWithForm(optionId, fields, sellerReference);
            redirect.addAttribute("accountId", accountId);
            redirect.addAttribute("status", "CONNECTED");
            return "redirect:/app/marketplaces";
        } catch (InvalidRequestException e) {
            response.setStatus(e.status());
            String label = option.fields().stream().filter(f -> f.name().equals(e.field())).map(ConnectOption.Field::label)
                    .findFirst().orElse(e.field());
            String reason = e.getMessage().startsWith(e.field() + ": ") ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
            return render(user, model, marketplace + ":" + optionId, "Not connected. " + label + ": " + reason, e.field(), echo);
        } catch (UnsupportedMarketplaceOperationException | ConnectorNotConfiguredException | IllegalStateException e) {
            log.info("{} connect from the seller's page failed: {}", marketplace, e.getMessage());
            response.setStatus(409);
            return render(user, model, marketplace + ":" + optionId, connector.displayName() + " could not be connected: "
                    + e.getMessage(), null, echo);
        }
    }

    private String render(AppUser user, Model model, String failedOption, String problem, String problemField, Map<String, String> values) {
        List<SellerAccount> mine = scope.accounts(user);
        List<Card> cards = connectors.all().stream().map(c -> new Card(c.marketplace(), c.displayName(), c.connectOptions(),
                        mine.stream().filter(a -> a.marketplace().equals(c.marketplace()))
                                .map(a -> AccountSummary.of(a, c.displayName(), clock.instant(), code -> labels.label(a.marketplace(), code)))
                                .toList(),
                        failedOption != null && failedOption.startsWith(c.marketplace() + ":") ? failedOption.substring(c.marketplace().length() + 1) : null,
                        failedOption != null && failedOption.startsWith(c.marketplace() + ":") ? problem : null,
                        problemField, values))
                .toList();
        model.addAttribute("cards", cards);
        model.addAttribute("user", user);
        model.addAttribute("returnUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/app/marketplaces").toUriString());
        model.addAttribute("section", "marketplaces");
        return "app/marketplaces";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
