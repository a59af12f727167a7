package com.marketplaceconnect.benchmarks;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples pg_stat_activity every 100 ms while a benchmark runs: the service's connections to the benchmark's database
 * (open, and busy = state 'active'), not counting the harness's own.
 */
final class ConnectionSampler implements AutoCloseable {
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicInteger peakActive = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    ConnectionSampler(DataSource harness) {
        thread = new Thread(() -> {
            try (Connection c = harness.getConnection(); Statement s = c.createStatement()) {
                while (running) {
                    try (ResultSet rs = s.executeQuery("select count(*), count(*) filter (where state = 'active') from pg_stat_activity "
                            + "where datname = current_database() and application_name <> '" + BenchDatabase.HARNESS_APP + "'")) {
                        rs.next();
                        peakOpen.accumulateAndGet(rs.getInt(1), Math::max);
                        peakActive.accumulateAndGet(rs.getInt(2), Math::max);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("connection sampler stopped: " + e);
            }
        }, "bench-connection-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    int peakOpen() {
        return peakOpen.get();
    }

    int peakActive() {
        return peakActive.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
