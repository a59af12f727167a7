package com.marketplaceconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database per benchmark, migrated by Flyway like the service does: on the PostgreSQL at 127.0.0.1:5432
 * when it answers (override with TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER / TEST_PG_PASSWORD, as the tests), else on
 * an embedded PostgreSQL. Dropped when closed. The harness's own connections are named {@value #HARNESS_APP}, so they
 * can be told apart from the service's in pg_stat_activity.
 */
final class BenchDatabase implements AutoCloseable {
    static final String HARNESS_APP = "bench-harness";
    private static EmbeddedPostgres embedded;

    final String url;
    final String user;
    final String password;
    final String kind;
    private final String adminUrl;
    private final String name;
    private HikariDataSource harnessPool;

    private BenchDatabase(String url, String user, String password, String kind, String adminUrl, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.name = name;
    }

    static BenchDatabase create(String label) throws Exception {
        String host = System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("TEST_PG_PORT", "5432"));
        String user;
        String password;
        String base;
        String kind;
        if (answers(host, port)) {
            user = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
            password = System.getenv().getOrDefault("TEST_PG_PASSWORD", "");
            base = "jdbc:postgresql://" + host + ":" + port + "/";
            kind = "PostgreSQL server at " + host + ":" + port;
        } else {
            synchronized (BenchDatabase.class) {
                if (embedded == null) {
                    embedded = EmbeddedPostgres.builder().start();
                }
            }
            user = "postgres";
            password = "";
            base = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
            kind = "embedded PostgreSQL (zonky)";
        }
        String name = "mc_bench_" + label.toLowerCase() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = base + "postgres";
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        BenchDatabase db = new BenchDatabase(base + name, user, password, kind, admin, name);
        Flyway.configure().dataSource(db.url, user, password).locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** A small pool for the harness (seeding, counting, sampling). */
    synchronized HikariDataSource harness() {
        if (harnessPool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url + "?ApplicationName=" + HARNESS_APP + "&reWriteBatchedInserts=true");
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(8);
            config.setMinimumIdle(0);
            harnessPool = new HikariDataSource(config);
        }
        return harnessPool;
    }

    String serverVersion() throws Exception {
        try (Connection c = harness().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        if (harnessPool != null) {
            harnessPool.close();
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (Exception ignored) {
            // a database left behind is harmless: every run makes its own
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
