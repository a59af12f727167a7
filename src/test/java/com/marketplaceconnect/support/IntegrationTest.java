package com.marketplaceconnect.support;

import com.marketplaceconnect.sandbox.MarketplaceSandbox;
import com.marketplaceconnect.sandbox.MutableClock;
import com.marketplaceconnect.sandbox.SandboxSettings;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Black-box base: the real application context on a random port, a fresh real PostgreSQL database, and the
 * project's marketplace sandbox on a random port. Both are shared by every test class of the run (one context),
 * so tests make their own sellers and assert on their own accounts' rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)   // the Prometheus registry, as in production (/actuator/prometheus)
@CamelSpringBootTest
@ActiveProfiles("test")
@TestPropertySource(locations = "classpath:test.properties")
@Import(IntegrationTest.SharedClock.class)
public abstract class IntegrationTest {
    public static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    public static final MarketplaceSandbox SANDBOX = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK));
    /** One real KRaft broker for the whole run, so the shared context stays one. */
    public static final EmbeddedKafkaKraftBroker KAFKA = startKafka();

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("spring.datasource.username", TestPostgres::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("amazon.lwa.token-url", () -> SANDBOX.baseUrl() + "/auth/o2/token");
        registry.add("amazon.endpoints.na", SANDBOX::baseUrl);
        registry.add("amazon.endpoints.eu", SANDBOX::baseUrl);
        registry.add("amazon.endpoints.fe", SANDBOX::baseUrl);
        registry.add("flipkart.auth.token-url", () -> SANDBOX.baseUrl() + "/oauth-service/oauth/token");
        registry.add("flipkart.api.base-url", () -> SANDBOX.baseUrl() + "/sellers");
        registry.add("sandbox.base-url", SANDBOX::baseUrl);
        // Seller Central's consent page of every marketplace is the sandbox's; the app id is the one it registers.
        registry.add("amazon.seller-central.override-base-url", SANDBOX::baseUrl);
        registry.add("amazon.oauth.application-id", SANDBOX.amazon()::applicationId);
        registry.add("kafka.bootstrap-servers", KAFKA::getBrokersAsString);
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3,
                "shipments.events", "shipments.events.dlt", "shipments.tracking-pushed");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        return broker;
    }

    @TestConfiguration
    static class SharedClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
