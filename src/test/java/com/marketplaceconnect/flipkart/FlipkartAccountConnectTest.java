package com.marketplaceconnect.flipkart;

import com.marketplaceconnect.sandbox.RecordedCall;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import com.marketplaceconnect.support.Api;
import com.marketplaceconnect.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FlipkartAccountConnectTest extends IntegrationTest {

    private Api api() {
        return new Api(baseUrl());
    }

    private static String newSellerId() {
        return "fk" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private int accountsFor(String sellerId) {
        return jdbc.queryForObject("select count(*) from seller_account where marketplace = 'FLIPKART' and external_account_id = ?",
                Integer.class, sellerId);
    }

    @Test
    void credentialsAreTestedThenSavedSealedAndNeverReturned() {
        FlipkartSeller seller = SANDBOX.flipkart().addSeller(newSellerId());
        SANDBOX.calls().clear();
        var response = api().post("/api/accounts/flipkart", Map.of("sellerId", seller.sellerId(), "applicationId", seller.appId(),
                "applicationSecret", seller.appSecret(), "sellerReference", "shop-42"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("marketplace").asText()).isEqualTo("FLIPKART");
        assertThat(response.json().get("region").asText()).isEqualTo("IN");
        assertThat(response.json().get("status").asText()).isEqualTo("CONNECTED");
        assertThat(response.json().get("externalAccountId").asText()).isEqualTo(seller.sellerId());
        assertThat(response.json().get("marketplaces")).extracting(n -> n.asText()).containsExactly("IN");
        assertThat(response.body()).doesNotContain(seller.appSecret());
        SANDBOX.flipkart().issuedSecrets().forEach(secret -> assertThat(response.body()).doesNotContain(secret));

        byte[] sealed = jdbc.queryForObject("select credentials_ciphertext from seller_account where id = ?", byte[].class,
                response.json().get("id").asLong());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(seller.appSecret()).doesNotContain(seller.appId());

        // Tested first: a client-credentials token with Basic app credentials, then one shipments search with it.
        List<RecordedCall> token = SANDBOX.calls().matching("GET", "/oauth-service/oauth/token");
        assertThat(token).hasSize(1);
        assertThat(token.get(0).queryParam("grant_type")).isEqualTo("client_credentials");
        assertThat(token.get(0).queryParam("scope")).isEqualTo("Seller_Api");
        assertThat(new String(Base64.getDecoder().decode(token.get(0).header("Authorization").substring(6)), StandardCharsets.UTF_8))
                .isEqualTo(seller.appId() + ":" + seller.appSecret());
        List<RecordedCall> search = SANDBOX.calls().matching("POST", "/sellers/v3/shipments/filter");
        assertThat(search).hasSize(1);
        assertThat(search.get(0).status()).isEqualTo(200);
        assertThat(search.get(0).header("Authorization")).startsWith("Bearer ");
    }

    @Test
    void wrongSecretIs422WithFlipkartsMessageAndNothingIsSaved() {
        FlipkartSeller seller = SANDBOX.flipkart().addSeller(newSellerId());
        var response = api().post("/api/accounts/flipkart", Map.of("sellerId", seller.sellerId(), "applicationId", seller.appId(),
                "applicationSecret", "0123456789abcdef0123456789abcdef"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("field").asText()).isEqualTo("applicationSecret");
        assertThat(response.json().get("detail").asText()).contains("Bad credentials");
        assertThat(response.body()).doesNotContain("0123456789abcdef0123456789abcdef");
        assertThat(accountsFor(seller.sellerId())).isZero();
    }

    @Test
    void unknownApplicationIdIs422NamingTheApplicationId() {
        String sellerId = newSellerId();
        var response = api().post("/api/accounts/flipkart", Map.of("sellerId", sellerId, "applicationId", "nosuchapplication",
                "applicationSecret", "whatever"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("field").asText()).isEqualTo("applicationId");
        assertThat(response.json().get("detail").asText()).contains("No client with requested id: nosuchapplication");
        assertThat(accountsFor(sellerId)).isZero();
    }

    @Test
    void missingFieldIs400NamingIt() {
        var response = api().post("/api/accounts/flipkart", Map.of("sellerId", newSellerId(), "applicationId", "abc"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("applicationSecret");
    }
}
