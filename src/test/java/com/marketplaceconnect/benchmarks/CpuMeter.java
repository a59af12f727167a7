package com.marketplaceconnect.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used between two points by the three parties of a benchmark on this machine: the service JVM, this
 * harness JVM (sandbox, broker, producer) and every PostgreSQL process (server and backends), read from
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks of 1/100 s). Linux only; elsewhere the figures are absent.
 * Backends that exit inside the interval take their ticks with them, so the PostgreSQL figure is a lower bound.
 */
final class CpuMeter {
    private static final double TICK = 0.01;

    record Sample(long nanos, long service, long harness, long postgres) {
    }

    record Used(double seconds, double service, double harness, double postgres) {
        double total() {
            return service + harness + postgres;
        }

        /** e.g. "service 1.92 / harness 1.10 / PostgreSQL 0.61 = 3.63 ms per event; 1.71 of 2 cores busy". */
        String per(long units, String unit) {
            return String.format("service %.2f / harness %.2f / PostgreSQL %.2f = %.2f ms per %s; %.2f of %d cores busy",
                    service / units * 1000, harness / units * 1000, postgres / units * 1000, total() / units * 1000, unit,
                    total() / seconds, Runtime.getRuntime().availableProcessors());
        }
    }

    private final long servicePid;

    CpuMeter(long servicePid) {
        this.servicePid = servicePid;
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    Sample sample() throws IOException {
        return new Sample(System.nanoTime(), ticks(String.valueOf(servicePid)), ticks(String.valueOf(ProcessHandle.current().pid())), postgresTicks());
    }

    static Used between(Sample a, Sample b) {
        return new Used((b.nanos() - a.nanos()) / 1e9, (b.service() - a.service()) * TICK, (b.harness() - a.harness()) * TICK,
                (b.postgres() - a.postgres()) * TICK);
    }

    private static long postgresTicks() throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                try {
                    if ("postgres".equals(Files.readString(p.resolve("comm")).trim())) {
                        sum += ticks(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return sum;
    }

    private static long ticks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field overall.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
