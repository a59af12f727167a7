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

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Properties;
import java.util.UUID;
import java.util.List;
import java.util.ArrayList;
import java.util.function.Predicate;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Black-box base: the real application context on a random port, a fresh real PostgreSQL database, and the
 * project's marketplace sandbox on a random port. Both are shared by every test class of the run (one context),
 * so tests make their own sellers and assert on their own accounts' rows.
 */

import static org.awaitility.Awaitility.await;

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

    // --- Kafka, shared by the tests that send to or read from the embedded broker ------------------------------------

    public static final String SHIPMENT_EVENTS = "shipments.events";
    private static KafkaProducer<String, String> producer;

    protected static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
            p.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
            p.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Sends one shipment event (key = marketplace order id) and waits for the broker's acknowledgement. */
    protected static void send(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(SHIPMENT_EVENTS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of its own group reading from the start (records up to 16 MB, for the oversized-event tests). */
    protected static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "test-" + java.util.UUID.randomUUID());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    /** Reads the topic from the start until {@code count} records match. */
    protected static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, int count, Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(java.util.List.of(topic));
            await().atMost(java.time.Duration.ofSeconds(90)).until(() -> {
                for (var r : consumer.poll(java.time.Duration.ofMillis(200))) {
                    if (wanted.test(r)) found.add(r);
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    protected static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
