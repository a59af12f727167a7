package com.marketplaceconnect.operations;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Health component "kafka": whether the broker at {@code kafka.bootstrap-servers} answers (describeCluster within
 * {@code operations.health.kafka.timeout}). Unreachable = DEGRADED, not DOWN: syncs and the admin API work without
 * Kafka; shipment events wait in the broker or the outbox. UNKNOWN while no broker is configured.
 * Off with operations.health.kafka.enabled=false. The address is read on each check, so a broker whose address is
 * only known after start-up (the local profile's embedded one) is found.
 */
@Component("kafka")
@ConditionalOnProperty(name = "operations.health.kafka.enabled", havingValue = "true", matchIfMissing = true)
public class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {
    private final Environment environment;
    private final Duration timeout;
    private Admin admin;
    private String adminServers;

    public KafkaHealthIndicator(Environment environment, @Value("${operations.health.kafka.timeout:PT3S}") Duration timeout) {
        this.environment = environment;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        String servers = environment.getProperty("operations.health.kafka.bootstrap-servers", "");
        if (servers.isBlank()) {
            return Health.unknown().withDetail("reason", "No Kafka configured (kafka.bootstrap-servers)").build();
        }
        try {
            var cluster = admin(servers).describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("bootstrapServers", servers).withDetail("nodes", nodes)
                    .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS)).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.status(AccountsHealthIndicator.DEGRADED).withDetail("bootstrapServers", servers)
                    .withDetail("problem", "Kafka did not answer within " + timeout.toMillis() + " ms: " + e.getClass().getSimpleName())
                    .build();
        }
    }

    private synchronized Admin admin(String servers) {
        if (admin == null || !servers.equals(adminServers)) {
            close();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "marketplace-connect-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
            adminServers = servers;
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
