package com.marketplaceconnect.local;

import com.marketplaceconnect.amazon.AmazonAccounts;
import com.marketplaceconnect.flipkart.FlipkartAccounts;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.sandbox.shopify.ShopifyShop;
import com.marketplaceconnect.shopify.ShopifyAccounts;
import com.marketplaceconnect.shopify.ShopifyWebhookSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.List;

/**
 * The local run's marketplaces: the bundled sandbox on {@code sandbox.port}, seeded with a demo Amazon seller
 * (amazon.in and amazon.co.uk, a few hundred orders) and a demo Flipkart seller (about 150 shipments), both
 * connected on start-up, so the scheduled syncs fill the database within a minute without anyone acting; and a second
 * Flipkart seller with documented credentials, not connected. {@link LocalBanner} then says where everything is.
 */
@Configuration
@ConditionalOnProperty(name = "sandbox.enabled", havingValue = "true")
public class LocalSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LocalSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    MarketplaceSandbox marketplaceSandbox(@Value("${sandbox.port:8089}") int port,
                                          @Value("${amazon.lwa.client-id}") String clientId,
                                          @Value("${amazon.lwa.client-secret}") String clientSecret,
                                          Clock clock, Environment env) {
        SandboxSettings settings = SandboxSettings.defaults().withPort(port).withClock(clock);
        MarketplaceSandbox sandbox = MarketplaceSandbox.start(settings);
        registerApp(sandbox, env);
        log.info("Marketplace sandbox (Amazon LWA, SP-API, Seller Central consent; Flipkart OAuth, Seller API v3) listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    /** The sandbox's Developer Central: the app's id, draft flag and (absolute) OAuth redirect URI, from amazon.oauth.*. */
    private static void registerApp(MarketplaceSandbox sandbox, Environment env) {
        String applicationId = env.getProperty("amazon.oauth.application-id", "");
        if (!applicationId.isBlank()) {
            sandbox.amazon().setApplicationId(applicationId);
        }
        sandbox.amazon().setAppDraft(env.getProperty("amazon.oauth.draft", Boolean.class, true));
        String redirectUri = env.getProperty("amazon.oauth.redirect-uri", "");
        if (redirectUri.startsWith("http")) {
            sandbox.amazon().setRedirectUri(redirectUri);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seedDemoSeller(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        if (context.getEnvironment().getProperty("sandbox.seed-demo", Boolean.class, true)) {
            seedDemo(context.getBean(MarketplaceSandbox.class), context.getBean(AmazonAccounts.class),
                    context.getBean(FlipkartAccounts.class));
            seedShopifyDemo(context.getBean(MarketplaceSandbox.class), context.getBean(ShopifyAccounts.class),
                    context.getBean(ShopifyWebhookSubscriptions.class), context.getEnvironment().getProperty("local.server.port", "8080"));
        }
    }

    /**
     * The demo Shopify shop: about 80 orders over 30 days, connected with a non-expiring token as an app installed
     * before expiring tokens would be (the first sync migrates it by token exchange), its webhook topics subscribed to
     * this run's /webhooks/shopify. Returns the account id.
     */
    static long seedShopifyDemo(MarketplaceSandbox sandbox, ShopifyAccounts accounts, ShopifyWebhookSubscriptions subscriptions,
                                String port) {
        ShopifyShop shop = sandbox.shopify().seedDemo();
        long id = accounts.connect(shop.domain(), "demo-seller", java.util.Map.of("accessToken", shop.issueNonExpiringToken()));
        subscriptions.subscribe(id, shop.domain(), "http://localhost:" + port + "/webhooks/shopify");
        log.info("Demo Shopify shop {} connected as account {} ({} orders in the sandbox)", shop.domain(), id, shop.orderCount());
        return id;
    }

    /**
     * The demo data: the demo Amazon and Flipkart sellers in the sandbox, connected as accounts (1 and 2 in a fresh
     * database), and the documented second Flipkart seller, not connected. Returns the two account ids.
     */
    static long[] seedDemo(MarketplaceSandbox sandbox, AmazonAccounts amazonAccounts, FlipkartAccounts flipkartAccounts) {
        AmazonSeller seller = sandbox.amazon().seedDemo();
        long id = amazonAccounts.connectWithRefreshToken(seller.sellingPartnerId(), seller.region(),
                List.of("IN", "UK"), seller.refreshToken(), "demo-seller");
        log.info("Demo Amazon seller {} connected as account {} (marketplaces IN, UK; {} orders in the sandbox)",
                seller.sellingPartnerId(), id, sandbox.amazon().orderIds(seller.sellingPartnerId()).size());
        FlipkartSeller flipkart = sandbox.flipkart().seedDemo();
        long flipkartId = flipkartAccounts.connect(flipkart.sellerId(), flipkart.appId(), flipkart.appSecret(), "demo-seller");
        log.info("Demo Flipkart seller {} connected as account {} ({} shipments in the sandbox)",
                flipkart.sellerId(), flipkartId, sandbox.flipkart().shipmentIds(flipkart.sellerId()).size());
        // Not connected: the README's "Connecting a seller" connects it with these fixed credentials.
        FlipkartSeller second = sandbox.flipkart().seedSandboxSeller();
        log.info("Flipkart sandbox seller {} (application {}) is ready to be connected, see the README", second.sellerId(),
                second.appId());
        return new long[]{id, flipkartId};
    }

    /** The demo WooCommerce store (Shipment Tracking extension installed), connected by a read_write key. */
    @EventListener(ApplicationReadyEvent.class)
    public void seedDemoWooCommerceStore(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        if (!context.getEnvironment().getProperty("sandbox.seed-demo", Boolean.class, true)) {
            return;
        }
        MarketplaceSandbox sandbox = context.getBean(MarketplaceSandbox.class);
        var store = sandbox.woocommerce().seedDemo(context.getBean(Clock.class).instant());
        store.acceptPlainHttpCallbacks(true);
        var key = store.createKey("read_write", "demo", "1");
        long accountId = context.getBean(com.marketplaceconnect.woocommerce.WooCommerceAccounts.class)
                .connectWithKeys(store.url(), key.consumerKey(), key.consumerSecret(), "demo-seller");
        log.info("Demo WooCommerce store {} connected as account {} ({} orders in the sandbox)", store.url(), accountId,
                store.orderIds().size());
    }
}
