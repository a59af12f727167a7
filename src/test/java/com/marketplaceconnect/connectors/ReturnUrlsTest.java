package com.marketplaceconnect.connectors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnUrlsTest {
    private final List<String> configured = List.of("https://dashboard.example.test/sellers/");

    @Test
    void underAConfiguredPrefixOrThisServicesOwnPage() {
        assertThat(ReturnUrls.allowed("https://dashboard.example.test/sellers/42?tab=1", configured, null)).isTrue();
        assertThat(ReturnUrls.allowed("http://localhost:8080/app/marketplaces", configured, "http://localhost:8080")).isTrue();
        assertThat(ReturnUrls.allowed("http://localhost:8080/app/marketplaces", configured, "http://localhost:8080/")).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(ReturnUrls.allowed("https://dashboard.example.test/admin/", configured, null)).isFalse();
        assertThat(ReturnUrls.allowed("https://dashboard.example.test.evil.test/sellers/", configured, null)).isFalse();
        assertThat(ReturnUrls.allowed("https://user@dashboard.example.test/sellers/", configured, null)).isFalse();
        assertThat(ReturnUrls.allowed("http://dashboard.example.test/sellers/", configured, null)).as("scheme").isFalse();
        assertThat(ReturnUrls.allowed("https://dashboard.example.test:8443/sellers/", configured, null)).as("port").isFalse();
        assertThat(ReturnUrls.allowed("javascript:alert(1)", configured, null)).isFalse();
        assertThat(ReturnUrls.allowed("http://localhost:8080/api/accounts", configured, "http://localhost:8080")).isFalse();
        assertThat(ReturnUrls.allowed("http://other.test/app/", configured, "http://localhost:8080")).isFalse();
    }
}
