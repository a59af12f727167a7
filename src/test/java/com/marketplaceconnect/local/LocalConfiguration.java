package com.marketplaceconnect.local;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the local run adds to the product: the bundled sandbox with the demo sellers, an embedded PostgreSQL unless
 * DATABASE_URL is set, an embedded Kafka broker unless KAFKA_BOOTSTRAP_SERVERS is set. It lives in src/test, so none
 * of it (nor the test libraries it needs) is in the product jar. Test contexts find these classes too, by component
 * scan, and they stay off there: the database and broker need the {@code local} profile, the sandbox
 * {@code sandbox.enabled} (config/application-local.yaml).
 */
@Configuration(proxyBeanMethods = false)
@Import({LocalDatabaseConfiguration.class, LocalKafkaConfiguration.class, LocalSandboxConfiguration.class})
public class LocalConfiguration {
}
