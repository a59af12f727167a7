package com.marketplaceconnect.orders;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/store-orders.yaml tells camel-sql how many parameters upsert-orders.sql has: the two must agree. */
class StoreOrdersStatementTest {

    @Test
    void theRoutesParameterCountIsTheStatementsNumberOfPlaceholders() throws Exception {
        String route = Files.readString(Path.of("routes", "store-orders.yaml"));
        Matcher declared = Pattern.compile("parametersCount:\\s*(\\d+)").matcher(route);
        assertThat(declared.find()).as("parametersCount in routes/store-orders.yaml").isTrue();
        String sql;
        try (InputStream in = StoreOrdersStatementTest.class.getResourceAsStream("/sql/upsert-orders.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // camel-sql binds one parameter per ":#" placeholder, a name used twice counting twice.
        long placeholders = Pattern.compile(":#").matcher(sql).results().count();
        assertThat(Integer.parseInt(declared.group(1))).isEqualTo(placeholders);
    }
}
