package com.marketplaceconnect.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * The local run without a configured Kafka: a real KRaft broker in-process with the shipment topics, gone when the
 * service stops. Its address becomes kafka.bootstrap-servers before the routes start. Set KAFKA_BOOTSTRAP_SERVERS
 * to use a broker of your own instead.
 */
@Configuration
@Profile("local")
@ConditionalOnExpression("'${kafka.bootstrap-servers:}'.isBlank()")
public class LocalKafkaConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LocalKafkaConfiguration.class);

    /**
     * Kafka's test kit deletes the broker's log directories in JVM shutdown hooks of its own, which ran at SIGTERM
     * while the broker and Camel's consumers still used them (a storm of log-dir failures, then Exit.halt). Its hooks
     * are collected here instead and run after the broker has stopped.
     */
    static final class DeferredShutdownHooks {
        private final java.util.List<Runnable> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

        DeferredShutdownHooks() {
            org.apache.kafka.common.utils.Exit.setShutdownHookAdder((name, runnable) -> hooks.add(runnable));
        }

        void run() {
            org.apache.kafka.common.utils.Exit.resetShutdownHookAdder();
            hooks.forEach(hook -> {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    log.debug("Cleaning up after the embedded broker: {}", e.getMessage());
                }
            });
        }
    }

    @Bean(destroyMethod = "run")
    DeferredShutdownHooks embeddedKafkaShutdownHooks() {
        return new DeferredShutdownHooks();
    }

    @Bean(destroyMethod = "destroy")
    EmbeddedKafkaKraftBroker embeddedKafka(ConfigurableEnvironment environment, DeferredShutdownHooks hooks) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3,
                environment.getRequiredProperty("shipments.kafka.events-topic"),
                environment.getRequiredProperty("shipments.kafka.dead-letter-topic"),
                environment.getRequiredProperty("shipments.kafka.outcomes-topic"));
        broker.afterPropertiesSet();
        environment.getPropertySources().addFirst(new MapPropertySource("localKafka",
                Map.of("kafka.bootstrap-servers", broker.getBrokersAsString())));
        log.info("No KAFKA_BOOTSTRAP_SERVERS set: started an embedded Kafka broker at {}", broker.getBrokersAsString());
        return broker;
    }
}
