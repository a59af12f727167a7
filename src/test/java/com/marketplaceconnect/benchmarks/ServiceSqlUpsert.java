package com.marketplaceconnect.benchmarks;

import javax.sql.DataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * B1's decomposition: the service's own store statement (src/main/resources/sql/upsert-orders.sql, one JSON document
 * per batch of pages, as OrderBatches makes them) run alone over the same orders by plain JDBC, each document its own
 * transaction as in the route. Separates the statement's cost from the rest of the pipeline (HTTP, mapping, Camel).
 */
final class ServiceSqlUpsert {
    private ServiceSqlUpsert() {
    }

    static String sql() throws Exception {
        try (InputStream in = ServiceSqlUpsert.class.getResourceAsStream("/sql/upsert-orders.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.replace(":#${exchangeProperty.ordersJson}", "?").replace(":#${exchangeProperty.accountId}", "?");
        }
    }

    static double run(DataSource ds, long accountId, List<String> documents) throws Exception {
        String sql = sql();
        long start = System.nanoTime();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String document : documents) {
                ps.setString(1, document);
                ps.setLong(2, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
