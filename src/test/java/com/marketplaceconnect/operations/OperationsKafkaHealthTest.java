package com.marketplaceconnect.operations;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsKafkaHealthTest {

    @Test
    void noBrokerConfiguredIsUnknown() {
        try (KafkaHealthIndicator kafka = new KafkaHealthIndicator(new MockEnvironment(), Duration.ofSeconds(1))) {
            assertThat(kafka.health().getStatus()).isEqualTo(Status.UNKNOWN);
        }
    }

    @Test
    void anUnreachableBrokerIsDegradedNotDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();   // closed again: nothing listens there
        }
        MockEnvironment env = new MockEnvironment().withProperty("operations.health.kafka.bootstrap-servers", "127.0.0.1:" + port);
        try (KafkaHealthIndicator kafka = new KafkaHealthIndicator(env, Duration.ofSeconds(1))) {
            Health health = kafka.health();
            assertThat(health.getStatus()).isEqualTo(AccountsHealthIndicator.DEGRADED);
            assertThat(health.getDetails()).containsEntry("bootstrapServers", "127.0.0.1:" + port);
            assertThat(health.getDetails().get("problem").toString()).contains("did not answer");
        }
    }
}
