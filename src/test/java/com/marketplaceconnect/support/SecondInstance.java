package com.marketplaceconnect.support;

import com.marketplaceconnect.MarketplaceConnectApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Another instance of the service in this JVM, as a second machine would run it: its own context, web port, Camel
 * routes, Kafka consumers and Quartz scheduler, on the run's database, broker, sandbox and clock. Closing it is a
 * graceful stop of that instance. Start it from a test method, not from {@code @BeforeAll}: while a test class is
 * being prepared, Camel's test support keeps every CamelContext of the JVM from starting.
 */
public final class SecondInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance with the tests' configuration plus {@code overrides}; sync.instance-name = {@code name}. */
    public static SecondInstance start(String name, Map<String, String> overrides) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        PropertiesLoaderUtils.loadProperties(new ClassPathResource("test.properties")).forEach((k, v) -> properties.put((String) k, v));
        Map<String, Supplier<Object>> wired = new LinkedHashMap<>();
        IntegrationTest.wire(wired::put);   // the same database, sandbox and broker as the shared context
        wired.forEach((k, v) -> properties.put(k, v.get()));
        properties.put("server.port", "0");
        properties.put("sync.instance-name", name);
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));

        SpringApplication app = new SpringApplication(MarketplaceConnectApplication.class);
        app.setAdditionalProfiles("test");
        // Logging is the JVM's, already set up by the shared context: leave it alone.
        app.setListeners(app.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("testClock", IntegrationTest.CLOCK));
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        return new SecondInstance(context);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
