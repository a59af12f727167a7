package com.marketplaceconnect.benchmarks;

import javax.sql.DataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B1's decomposition: the service's own store statement (src/main/resources/sql/upsert-orders.sql, the column arrays
 * of one batch of pages, as OrderBatches makes them) run alone over the same orders by plain JDBC, each batch its own
 * transaction as in the route. Separates the statement's cost from the rest of the pipeline (HTTP, mapping, Camel).
 */
final class ServiceSqlUpsert {
    private static final Pattern PARAMETER = Pattern.compile(":#\\$\\{exchangeProperty\\.(?:orderRows\\[(\\w+)]|(accountId))}");

    private ServiceSqlUpsert() {
    }

    static double run(DataSource ds, long accountId, List<Map<String, Object>> batches) throws Exception {
        String sql;
        try (InputStream in = ServiceSqlUpsert.class.getResourceAsStream("/sql/upsert-orders.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The route's named parameters, in order: a column of the batch (orderRows[column]) or the account.
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder jdbcSql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : null);
            m.appendReplacement(jdbcSql, "?");
        }
        m.appendTail(jdbcSql);
        if (jdbcSql.indexOf(":#") >= 0) {
            throw new IllegalStateException("upsert-orders.sql has a parameter this harness does not bind");
        }
        long start = System.nanoTime();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(jdbcSql.toString())) {
            for (Map<String, Object> batch : batches) {
                for (int i = 0; i < names.size(); i++) {
                    ps.setObject(i + 1, names.get(i) == null ? (Object) accountId : batch.get(names.get(i)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
