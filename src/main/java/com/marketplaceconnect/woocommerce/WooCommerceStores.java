package com.marketplaceconnect.woocommerce;

import com.marketplaceconnect.credentials.CredentialCipher;
import com.marketplaceconnect.credentials.SealedCredentials;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the connector keeps per store (V9__woocommerce.sql): its URL, whether it has the Shipment Tracking extension,
 * the webhooks created on it, the last repair of those, the one-click outcomes by state, and a sealed copy of the keys
 * kept only until the store's webhooks are deleted on disconnect.
 */
@Repository("woocommerceStores")
public class WooCommerceStores {
    private final JdbcTemplate jdbc;
    private final CredentialCipher cipher;

    public WooCommerceStores(JdbcTemplate jdbc, CredentialCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** After a connect: the store's URL and the sealed copy of its keys for the disconnect clean-up. */
    public void save(long accountId, String storeUrl, Map<String, String> credentials) {
        SealedCredentials sealed = cipher.seal(cleanupBinding(accountId), credentials);
        jdbc.update("""
                insert into woocommerce_store (account_id, store_url, cleanup_ciphertext, cleanup_key_id)
                values (?, ?, ?, ?)
                on conflict (account_id) do update set store_url = excluded.store_url, has_shipment_tracking = null,
                       cleanup_ciphertext = excluded.cleanup_ciphertext, cleanup_key_id = excluded.cleanup_key_id, updated_at = now()
                """, accountId, storeUrl, sealed.ciphertext(), sealed.keyId());
    }

    /** Whether the store has the Shipment Tracking extension; null while not known (probed at the first push). */
    public Boolean hasShipmentTracking(long accountId) {
        return jdbc.query("select has_shipment_tracking from woocommerce_store where account_id = ?",
                rs -> rs.next() ? (Boolean) rs.getObject(1) : null, accountId);
    }

    public void recordShipmentTracking(long accountId, boolean installed) {
        jdbc.update("update woocommerce_store set has_shipment_tracking = ?, updated_at = now() where account_id = ?", installed, accountId);
    }

    /** The webhooks this service created on the store, by topic. */
    public Map<String, Long> webhooks(long accountId) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query("select topic, webhook_id from woocommerce_webhook where account_id = ? order by topic",
                rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                }, accountId);
        return result;
    }

    public List<Long> webhookIds(long accountId) {
        return List.copyOf(webhooks(accountId).values());
    }

    public void recordWebhook(long accountId, String topic, long webhookId) {
        jdbc.update("""
                insert into woocommerce_webhook (account_id, topic, webhook_id) values (?, ?, ?)
                on conflict (account_id, topic) do update set webhook_id = excluded.webhook_id, created_at = now()
                """, accountId, topic, webhookId);
    }

    public void forgetWebhooks(long accountId) {
        jdbc.update("delete from woocommerce_webhook where account_id = ?", accountId);
    }

    public void recordWebhookCheck(long accountId, String note) {
        jdbc.update("update woocommerce_store set webhooks_checked_at = now(), webhook_note = coalesce(?, webhook_note), "
                + "updated_at = now() where account_id = ?", note, accountId);
    }

    public Optional<String> webhookNote(long accountId) {
        return jdbc.queryForList("select webhook_note from woocommerce_store where account_id = ?", String.class, accountId)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The sealed keys kept for the disconnect clean-up, or empty. */
    public Optional<Map<String, String>> cleanupCredentials(long accountId) {
        List<byte[]> found = jdbc.queryForList("select cleanup_ciphertext from woocommerce_store where account_id = ? "
                + "and cleanup_ciphertext is not null", byte[].class, accountId);
        return found.stream().findFirst().map(c -> cipher.open(cleanupBinding(accountId), c));
    }

    public void eraseCleanupCredentials(long accountId) {
        jdbc.update("update woocommerce_store set cleanup_ciphertext = null, cleanup_key_id = null, updated_at = now() "
                + "where account_id = ?", accountId);
    }

    /** The one-click flow's outcome for a state (the callback's), read by the return page. */
    public void recordConnect(String state, Long accountId, String error, String returnUrl) {
        jdbc.update("""
                insert into woocommerce_connect (state_hash, account_id, error, return_url) values (?, ?, ?, ?)
                on conflict (state_hash) do nothing
                """, hash(state), accountId, error, returnUrl);
    }

    public record ConnectOutcome(Long accountId, String error, String returnUrl) {
    }

    public Optional<ConnectOutcome> connectOutcome(String state) {
        if (state == null || state.isBlank() || state.length() > 512) return Optional.empty();
        return jdbc.query("select account_id, error, return_url from woocommerce_connect where state_hash = ?",
                (rs, n) -> new ConnectOutcome((Long) rs.getObject(1), rs.getString(2), rs.getString(3)), hash(state)).stream().findFirst();
    }

    private static String cleanupBinding(long accountId) {
        return "WOOCOMMERCE-webhook-cleanup:" + accountId;
    }

    static byte[] hash(String state) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
