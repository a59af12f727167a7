package com.marketplaceconnect.local;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.amazon.AmazonAccounts;
import com.marketplaceconnect.flipkart.FlipkartAccounts;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.SandboxSettings;
import com.marketplaceconnect.sandbox.amazon.AmazonSeller;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
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
 * connected on start-up, so the scheduled syncs fill the database within a minute without anyone acting.
 */
@Configuration
@ConditionalOnProperty(name = "sandbox.enabled", havingValue = "true")
public class LocalSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LocalSandboxConfiguration.class);
    /** config/application-local.yaml's operations.password default. */
    static final String DEVELOPMENT_OPERATOR_PASSWORD = "local-operator";

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
        Environment env = context.getEnvironment();
        MarketplaceSandbox sandbox = context.getBean(MarketplaceSandbox.class);
        AccountRepository accounts = context.getBean(AccountRepository.class);
        if (env.getProperty("sandbox.seed-demo", Boolean.class, true)) {
            AmazonSeller seller = sandbox.amazon().seedDemo();
            long id = context.getBean(AmazonAccounts.class).connectWithRefreshToken(seller.sellingPartnerId(), seller.region(),
                    List.of("IN", "UK"), seller.refreshToken(), "demo-seller");
            log.info("Demo Amazon seller {} connected as account {} (marketplaces IN, UK; {} orders in the sandbox)",
                    seller.sellingPartnerId(), id, sandbox.amazon().orderCount());
            FlipkartSeller flipkart = sandbox.flipkart().seedDemo();
            long flipkartId = context.getBean(FlipkartAccounts.class).connect(flipkart.sellerId(), flipkart.appId(),
                    flipkart.appSecret(), "demo-seller");
            log.info("Demo Flipkart seller {} connected as account {} ({} shipments in the sandbox)",
                    flipkart.sellerId(), flipkartId, sandbox.flipkart().shipmentCount());
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info("""

                ----------------------------------------------------------------------------------------------
                 Marketplace Connect (local profile) is up
                   Admin API      http://localhost:{}/api/accounts   (Authorization: Bearer {})
                   OpenAPI        http://localhost:{}/swagger-ui.html
                   Health         http://localhost:{}/actuator/health
                   Hawtio         http://localhost:{}/actuator/hawtio   (login {})
                   Metrics        http://localhost:{}/actuator/prometheus   (same login)
                   Sandbox        {}   (Amazon LWA, SP-API, consent page; Flipkart OAuth, Seller API v3)
                   Accounts       {} connected; the schedule ({}) syncs them
                ----------------------------------------------------------------------------------------------""",
                port, env.getProperty("api.keys", "").split(",")[0], port, port, port, operatorLogin(env), port, sandbox.baseUrl(),
                accounts.list().size(), env.getProperty("amazon.sync.cron"));
    }

    /** The documented development login is shown; a password someone configured is not. */
    static String operatorLogin(Environment env) {
        String user = env.getProperty("operations.user", "operator");
        String password = env.getProperty("operations.password", "");
        if (password.isBlank()) {
            return "disabled: set OPERATIONS_PASSWORD";
        }
        return DEVELOPMENT_OPERATOR_PASSWORD.equals(password) ? user + " / " + password : user + " / the OPERATIONS_PASSWORD you set";
    }
}
