package com.marketplaceconnect.local;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.SellerAccount;
import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local run's start-up banner: where everything is, printed once the service has started (routes, consumers and
 * the demo sellers connected), so it is the last thing on the screen. It shows the local development API key and the
 * operator's development password, which are public; a key or password someone configured is never shown, and the
 * database URL is shown without a password.
 */
final class LocalBanner {
    private static final Logger log = LoggerFactory.getLogger(LocalBanner.class);
    /** config/application-local.yaml's api.keys default: a local development key, shown in the banner. */
    static final String DEVELOPMENT_API_KEY = "local-dev-api-key";
    /** config/application-local.yaml's operations.password default. */
    static final String DEVELOPMENT_OPERATOR_PASSWORD = "local-operator";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;])password=[^&;]*(&|;)?");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]+):[^/@]*@");

    /** What the banner says; every value ready to print. */
    record Facts(String port, String apiKey, String operatorLogin, String database, String kafka, String sandbox,
                 List<SellerAccount> accounts, String amazonCron, String flipkartCron) {
    }

    private LocalBanner() {
    }

    static void print(ApplicationContext context) {
        log.info(text(facts(context)));
    }

    static Facts facts(ApplicationContext context) {
        Environment env = context.getEnvironment();
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        boolean embeddedDatabase = context.getBeanProvider(EmbeddedPostgres.class).getIfAvailable() != null;
        boolean embeddedKafka = context.getBeanProvider(EmbeddedKafkaKraftBroker.class).getIfAvailable() != null;
        MarketplaceSandbox sandbox = context.getBeanProvider(MarketplaceSandbox.class).getIfAvailable();
        String database = withoutPassword(jdbcUrl(context.getBean(DataSource.class), env))
                + (embeddedDatabase ? "   (embedded PostgreSQL, gone when the service stops)" : "   (DATABASE_URL)");
        String kafka = env.getProperty("kafka.bootstrap-servers", "");
        kafka = kafka.isBlank() ? "none" : kafka + (embeddedKafka ? "   (embedded broker, gone when the service stops)" : "   (KAFKA_BOOTSTRAP_SERVERS)");
        return new Facts(port, apiKey(env), operatorLogin(env), database, kafka,
                sandbox == null ? "off (sandbox.enabled=false)" : sandbox.baseUrl(),
                context.getBean(AccountRepository.class).list(), env.getProperty("amazon.sync.cron", ""),
                env.getProperty("flipkart.sync.cron", ""));
    }

    static String text(Facts f) {
        String base = "http://localhost:" + f.port();
        StringBuilder accounts = new StringBuilder();
        for (SellerAccount a : f.accounts().stream().limit(6).toList()) {
            accounts.append("\n                  ").append(a.id()).append("  ").append(a.marketplace()).append(' ')
                    .append(a.externalAccountId()).append(a.sellerReference() == null ? "" : " (" + a.sellerReference() + ")")
                    .append(", ").append(a.status());
        }
        if (f.accounts().size() > 6) accounts.append("\n                  … ").append(f.accounts().size() - 6).append(" more");
        String line = "-".repeat(110);
        return "\n" + line + "\n"
                + " Marketplace Connect (local profile) is up\n"
                + "   Seller's page  " + base + "/app   (staff / local-staff, seller1 / local-seller1, seller2 / local-seller2)\n"
                + "   Admin API      " + base + "/api/accounts\n"
                + "   API key        " + f.apiKey() + "\n"
                + "   Swagger UI     " + base + "/swagger-ui.html   (OpenAPI " + base + "/v3/api-docs)\n"
                + "   Health         " + base + "/actuator/health\n"
                + "   Hawtio         " + base + "/actuator/hawtio   (login " + f.operatorLogin() + ")\n"
                + "   Metrics        " + base + "/actuator/prometheus   (same login)\n"
                + "   Database       " + f.database() + "\n"
                + "   Kafka          " + f.kafka() + "\n"
                + "   Sandbox        " + f.sandbox() + "   (Amazon LWA, SP-API, Seller Central consent; Flipkart OAuth, Seller API v3)\n"
                + "   Accounts       " + f.accounts().size() + " connected; synced by the schedules (Amazon " + f.amazonCron()
                + ", Flipkart " + f.flipkartCron() + ")" + accounts + "\n"
                + " Next: README.md (\"Two commands\", \"Connecting a seller\"), docs/shipment-events.md (\"Try it in the local run\")\n"
                + line;
    }

    /** The development key in clear (header Authorization: Bearer, then the key); a configured key is not shown. */
    static String apiKey(Environment env) {
        String first = env.getProperty("api.keys", "").split(",")[0].trim();
        if (first.isEmpty()) {
            return "none: the admin API refuses every call (set API_KEYS)";
        }
        return DEVELOPMENT_API_KEY.equals(first)
                ? first + "   (a local development key; send it as the header Authorization: Bearer <key>)"
                : "the API_KEYS you set (Authorization: Bearer <key>)";
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

    private static String jdbcUrl(DataSource dataSource, Environment env) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            String user = hikari.getUsername();
            String url = hikari.getJdbcUrl();
            return user == null || user.isBlank() || url.contains("user=") ? url : url + "   (user " + user + ")";
        }
        return env.getProperty("spring.datasource.url", "?");
    }

    /** The JDBC URL with any password taken out (a password= parameter, a user:password@ part). */
    static String withoutPassword(String jdbcUrl) {
        String url = USER_INFO_PASSWORD.matcher(jdbcUrl).replaceAll("$1@");
        url = PASSWORD_PARAMETER.matcher(url).replaceAll(m -> m.group(2) == null ? "" : m.group(1));
        return url;
    }
}
