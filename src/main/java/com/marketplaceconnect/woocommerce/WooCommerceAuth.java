package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.accounts.ReauthorizationRequiredException;
import com.marketplaceconnect.sync.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The auth step of every WooCommerce call: the store's URL as exchange property {@code wooStoreUrl} (the call's
 * endpoint) and {@code Authorization: Basic base64(consumer_key:consumer_secret)}, from the account's sealed
 * credentials (or, for the disconnect clean-up, the exchange property {@code wooCredentials}). The store's host is
 * checked again (every address public, woocommerce.* SSRF rule), so a name re-pointed after connect is not followed.
 */
@Component("woocommerceAuth")
public class WooCommerceAuth implements Processor {
    public static final String STORE_URL = "wooStoreUrl";
    public static final String CREDENTIALS = "wooCredentials";

    private final AccountRepository accounts;
    private final WooCommerceStoreUrls urls;

    public WooCommerceAuth(AccountRepository accounts, WooCommerceStoreUrls urls) {
        this.accounts = accounts;
        this.urls = urls;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        Map<String, String> credentials = exchange.getProperty(CREDENTIALS, Map.class);
        if (credentials == null) {
            credentials = accounts.credentials(accountId);
        }
        String storeUrl = credentials.get("storeUrl");
        String key = credentials.get("consumerKey");
        String secret = credentials.get("consumerSecret");
        if (storeUrl == null || key == null || secret == null) {
            throw new ReauthorizationRequiredException("Account " + accountId + " has no WooCommerce keys: connect the store again");
        }
        urls.checkAddresses(URI.create(storeUrl).getHost());
        exchange.setProperty(STORE_URL, storeUrl);
        exchange.getMessage().setHeader("Authorization", basic(key, secret));
    }

    static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
