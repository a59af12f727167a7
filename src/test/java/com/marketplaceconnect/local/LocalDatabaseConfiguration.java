package com.marketplaceconnect.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * The local run without a configured database: a real PostgreSQL (embedded binaries) on a free port, gone when the
 * service stops. Set DATABASE_URL to use a server of your own instead.
 */
@Configuration
@Profile("local")
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class LocalDatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LocalDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        // No JVM shutdown hook of its own: that one stopped PostgreSQL at SIGTERM while Camel still worked on the
        // database; Spring closes it (destroyMethod) after everything that uses it has stopped.
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        log.info("No DATABASE_URL set: started an embedded PostgreSQL at {}", pg.getJdbcUrl("postgres", "postgres"));
        return pg;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }
}
