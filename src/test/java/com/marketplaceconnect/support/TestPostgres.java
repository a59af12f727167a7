package com.marketplaceconnect.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database for this test run: on the PostgreSQL at 127.0.0.1:5432 when it answers (every developer and CI
 * machine here has one), else on an embedded PostgreSQL, so the suite also passes on a laptop without one.
 * Override the server with TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER.
 */
public final class TestPostgres {
    private static String jdbcUrl;
    private static String user;

    private TestPostgres() {
    }

    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            start();
        }
        return jdbcUrl;
    }

    public static synchronized String user() {
        jdbcUrl();
        return user;
    }

    private static void start() {
        String host = System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("TEST_PG_PORT", "5432"));
        String database = "mc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            if (answers(host, port)) {
                user = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
                String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
                try (Connection c = DriverManager.getConnection(admin, user, System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
                     Statement s = c.createStatement()) {
                    s.execute("create database " + database);
                }
                jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, database)));
            } else {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                user = "postgres";
                jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not get a test database", e);
        }
    }

    /**
     * Drops the run's database once the test contexts have let go of it. This runs in a JVM shutdown hook beside
     * Spring's, which closes the contexts: dropping at once cut the services' connections while their routes were
     * still stopping, and each context then waited out Camel's shutdown timeout (30 s more for every test JVM).
     */
    private static void drop(String admin, String database) {
        try (Connection c = DriverManager.getConnection(admin, user, System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
             Statement s = c.createStatement()) {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                try (var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = '" + database + "'")) {
                    if (rs.next() && rs.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
            s.execute("drop database if exists " + database + " with (force)");
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
