package com.marketplaceconnect.connectors;

import java.util.List;
import java.util.Locale;

/**
 * The contract of a marketplace connector: the one bean per marketplace that the core talks to, by name. A connector
 * is a package of its own ({@code com.marketplaceconnect.<name>}) plus its route files ({@code routes/<name>-*.yaml},
 * {@code routes/tracking-push-<name>.yaml}); the core routes reach them by name only
 * ({@code toD: direct:${exchangeProperty.marketplace.toLowerCase()}-sync-account}), and no core class imports a
 * connector (ArchitectureTest). docs/adding-a-marketplace.md walks through a new one.
 *
 * <p>Routes a connector must provide, where {@code <route>} is {@link #routeName()}:
 * <ul>
 *   <li>{@code direct:<route>-sync-account}: one account's order sync (exchange properties accountId, syncTrigger,
 *       syncRunId?), ending in {@code direct:store-orders};</li>
 *   <li>{@code timer/quartz → direct:tracking-push-<route>}: its tracking push poller, over the shared outbox.</li>
 * </ul>
 */
public interface MarketplaceConnector {

    /** The marketplace's name as stored in {@code seller_account.marketplace} and {@code orders.marketplace}: AMAZON. */
    String marketplace();

    /** The name its routes carry: {@code direct:amazon-sync-account}. */
    default String routeName() {
        return marketplace().toLowerCase(Locale.ROOT);
    }

    /**
     * The request headers this connector's calls carry (its token header, a signature): the only ones besides Accept,
     * Content-Type and User-Agent that MarketplaceHeaders lets out to any marketplace.
     */
    default java.util.Set<String> requestHeaders() {
        return java.util.Set.of("Authorization");
    }

    /** Token handling: forgets the account's cached access token (the marketplace refused it, or it disconnected). */
    void evictToken(long accountId);

    /**
     * How a failed call of this marketplace maps onto the shared error policies (routes/policy-*.yaml): retry later,
     * one retry at once with a new token, the seller must authorize again, or permanent (the request itself is wrong).
     * By default: 429, 5xx and I/O errors (timeouts, broken JSON) are retried; any other failure is permanent.
     */
    default FailureKind classify(Throwable failure) {
        int status = Connectors.statusOf(failure);
        if (status == 0) {
            return failure instanceof java.io.IOException ? FailureKind.RETRY : FailureKind.PERMANENT;
        }
        return status == 429 || status >= 500 ? FailureKind.RETRY : FailureKind.PERMANENT;
    }

    /** Whether the marketplace refused the access token the call carried (the token is then dropped). */
    default boolean tokenRefused(Throwable failure) {
        return classify(failure) == FailureKind.RENEW_TOKEN;
    }

    /**
     * Runs before a sync call is retried (the polling-sync policy's onRedelivery): by default drops a refused token.
     * A connector with a client-side rate bucket empties it after a 429 here, so the retry waits for a refill.
     */
    default void beforeRetry(long accountId, Throwable failure) {
        if (tokenRefused(failure)) {
            evictToken(accountId);
        }
    }

    /**
     * The marketplace codes an account of this marketplace may enable in its region (Amazon: IN, UK, DE …); a
     * marketplace without sub-marketplaces has just the account's own.
     */
    default List<String> availableMarketplaces(String region, List<String> enabled) {
        return enabled;
    }

    /** Makes exactly these codes the account's enabled marketplaces; refused where the marketplace has no choice. */
    default void setMarketplaces(long accountId, String region, List<String> codes) {
        throw new UnsupportedMarketplaceOperationException("marketplaces", "only accounts of a marketplace with sub-marketplaces (such as "
                + "Amazon) have a marketplace selection; account " + accountId + " is " + marketplace());
    }

    /** The marketplace's name as a seller reads it: "Amazon", "Shopify". */
    default String displayName() {
        String name = marketplace();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** How a seller connects an account of this marketplace from the seller's page (ConnectOption); empty: not offered. */
    default List<ConnectOption> connectOptions() {
        return List.of();
    }

    /**
     * Connects (or reconnects) an account from a {@link ConnectOption.Kind#FORM} option's fields: the credentials are
     * tested with the marketplace first, and nothing is saved when it refuses them. Returns the account id. Throws
     * {@code accounts.InvalidRequestException} naming the field (with the marketplace's message) for bad input or
     * refused credentials.
     *
     * @param optionId        which form option ({@link ConnectOption#id()})
     * @param fields          the form's values by field name (secrets included: never log them)
     * @param sellerReference the aggregator's seller the account belongs to
     */
    default long connectWithForm(String optionId, java.util.Map<String, String> fields, String sellerReference) {
        throw new UnsupportedMarketplaceOperationException("option", marketplace() + " has no connect form " + optionId);
    }
}
