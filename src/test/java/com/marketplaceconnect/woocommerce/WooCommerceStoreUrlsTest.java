package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store URL rule as production runs it: https only, public addresses only (no allowlist). */
class WooCommerceStoreUrlsTest {
    private final WooCommerceStoreUrls production = new WooCommerceStoreUrls(false, false, List.of());

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://localhost:8443/shop", "https://10.0.0.5", "https://172.16.3.4",
            "https://192.168.1.1", "https://169.254.169.254", "https://100.100.100.200", "https://0.0.0.0", "https://[::1]",
            "https://[fe80::1]", "https://[fd12:3456::1]", "https://[::ffff:10.0.0.1]", "https://224.0.0.1", "https://2130706433"})
    void nonPublicAddressesAreRefusedNamingStoreUrl(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo("storeUrl");
            assertThat(e.status()).isEqualTo(422);
        });
    }

    @Test
    void plainHttpIsRefusedInProduction() {
        assertThatThrownBy(() -> production.check("http://93.184.215.14")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.getMessage()).contains("https://"));
    }

    @Test
    void aPublicHttpsAddressIsNormalized() {
        assertThat(production.check("HTTPS://93.184.215.14:8443/shop/")).isEqualTo("https://93.184.215.14:8443/shop");
        assertThat(production.check("https://93.184.215.14")).isEqualTo("https://93.184.215.14");
    }

    @Test
    void theLocalAllowlistLetsOnlyItsOwnBlockThrough() {
        WooCommerceStoreUrls local = new WooCommerceStoreUrls(true, false, List.of("127.0.0.0/8"));
        assertThat(local.check("http://127.0.0.1:8089/woocommerce/demo-store")).isEqualTo("http://127.0.0.1:8089/woocommerce/demo-store");
        assertThatThrownBy(() -> local.check("http://10.0.0.1")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> local.check("http://169.254.169.254")).isInstanceOf(InvalidRequestException.class);
    }
}
