package com.marketplaceconnect.benchmarks;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.credentials.CredentialCipher;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small helpers the benchmarks share. */
final class Bench {
    static final String IN = "A21TJRUUN4KGV";

    private Bench() {
    }

    /** The service's own repository (sealed credentials, the same dev key file the service is given). */
    static AccountRepository accounts(DataSource harness) throws Exception {
        Files.createDirectories(ServiceProcess.BENCH_DIR);
        return new AccountRepository(new JdbcTemplate(harness), new CredentialCipher("", ServiceProcess.KEYSET_FILE));
    }

    static long count(DataSource ds, String sql, Object... args) {
        Long n = new JdbcTemplate(ds).queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "n/a";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "n/a";
    }
}
