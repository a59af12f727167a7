package com.marketplaceconnect.accounts;

import com.marketplaceconnect.credentials.CredentialCipher;
import com.marketplaceconnect.credentials.SealedCredentials;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Seller accounts and their sealed credentials. Credentials only leave here decrypted, for the caller that needs them. */
@Repository
public class AccountRepository {
    private static final String COLUMNS = """
            a.id, a.marketplace, a.region, a.external_account_id, a.seller_reference, a.status, a.status_reason,
            a.last_successful_sync_at, a.last_error, a.last_error_at, a.created_at,
            coalesce((select array_agg(m.marketplace_code order by m.marketplace_code) from account_marketplace m
                      where m.account_id = a.id), '{}') as marketplaces
            """;

    private final JdbcTemplate jdbc;
    private final CredentialCipher cipher;

    public AccountRepository(JdbcTemplate jdbc, CredentialCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<SellerAccount> find(long id) {
        return jdbc.query("select " + COLUMNS + " from seller_account a where a.id = ?", ROW, id).stream().findFirst();
    }

    public Optional<SellerAccount> findByExternalId(String marketplace, String region, String externalAccountId) {
        return jdbc.query("select " + COLUMNS + " from seller_account a where a.marketplace = ? and a.region = ? and a.external_account_id = ?",
                ROW, marketplace, region, externalAccountId).stream().findFirst();
    }

    public List<SellerAccount> list() {
        return jdbc.query("select " + COLUMNS + " from seller_account a order by a.id", ROW);
    }

    /**
     * Creates the account, or reconnects the existing one with the same marketplace, region and external id:
     * new sealed credentials, status CONNECTED, errors cleared. Enabled marketplaces are added (never removed here).
     */
    @Transactional
    public long connect(String marketplace, String region, String externalAccountId, String sellerReference,
                        Map<String, String> credentials, Map<String, String> marketplaceIds) {
        SealedCredentials sealed = cipher.seal(SellerAccount.credentialBinding(marketplace, region, externalAccountId), credentials);
        Long id = jdbc.queryForObject("""
                insert into seller_account (marketplace, region, external_account_id, seller_reference, status,
                                            credentials_ciphertext, credentials_key_id)
                values (?, ?, ?, ?, 'CONNECTED', ?, ?)
                on conflict (marketplace, region, external_account_id) do update
                   set status = 'CONNECTED', status_reason = null, last_error = null, last_error_at = null,
                       credentials_ciphertext = excluded.credentials_ciphertext,
                       credentials_key_id = excluded.credentials_key_id,
                       seller_reference = coalesce(excluded.seller_reference, seller_account.seller_reference),
                       updated_at = now()
                returning id
                """, Long.class, marketplace, region, externalAccountId, sellerReference, sealed.ciphertext(), sealed.keyId());
        marketplaceIds.forEach((code, marketplaceId) -> jdbc.update("""
                insert into account_marketplace (account_id, marketplace_code, marketplace_id) values (?, ?, ?)
                on conflict do nothing
                """, id, code, marketplaceId));
        return id;
    }

    public Map<String, String> credentials(long accountId) {
        return jdbc.query("select marketplace, region, external_account_id, credentials_ciphertext from seller_account where id = ?",
                rs -> {
                    if (!rs.next() || rs.getBytes("credentials_ciphertext") == null) {
                        throw new ReauthorizationRequiredException("Account " + accountId + " has no stored credentials");
                    }
                    String binding = SellerAccount.credentialBinding(rs.getString("marketplace"),
                            rs.getString("region"), rs.getString("external_account_id"));
                    return cipher.open(binding, rs.getBytes("credentials_ciphertext"));
                }, accountId);
    }

    /** Sets status and reason. A DISCONNECTED account stays so (a sync that was running cannot flip it back). */
    public void markStatus(long accountId, AccountStatus status, String reason) {
        jdbc.update("update seller_account set status = ?, status_reason = ?, last_error = coalesce(?, last_error), "
                + "last_error_at = case when ? is null then last_error_at else now() end, updated_at = now() "
                + "where id = ? and status <> 'DISCONNECTED'",
                status.name(), reason, reason, reason, accountId);
    }

    /**
     * The seller disconnected: credentials erased (ciphertext and key id null), status DISCONNECTED with the reason.
     * Orders, enabled marketplaces and watermarks stay, so connecting again resumes where the sync stopped.
     */
    public boolean disconnect(long accountId, String reason) {
        return jdbc.update("""
                update seller_account set status = 'DISCONNECTED', status_reason = ?, credentials_ciphertext = null,
                       credentials_key_id = null, updated_at = now()
                 where id = ?
                """, reason, accountId) == 1;
    }

    /**
     * Makes exactly these marketplaces (code to marketplace id) the enabled ones. A removed marketplace keeps its
     * sync_cursor row, so enabling it again resumes at its watermark; a new one has none and gets the initial window.
     */
    @Transactional
    public void replaceMarketplaces(long accountId, Map<String, String> marketplaceIds) {
        jdbc.queryForList("select id from seller_account where id = ? for update", Long.class, accountId);
        List<String> current = jdbc.queryForList("select marketplace_code from account_marketplace where account_id = ?",
                String.class, accountId);
        for (String code : current) {
            if (!marketplaceIds.containsKey(code)) {
                jdbc.update("delete from account_marketplace where account_id = ? and marketplace_code = ?", accountId, code);
            }
        }
        marketplaceIds.forEach((code, marketplaceId) -> jdbc.update("""
                insert into account_marketplace (account_id, marketplace_code, marketplace_id) values (?, ?, ?)
                on conflict do nothing
                """, accountId, code, marketplaceId));
    }

    public void recordError(long accountId, String error) {
        jdbc.update("update seller_account set last_error = ?, last_error_at = now(), updated_at = now() where id = ?", error, accountId);
    }

    private static final RowMapper<SellerAccount> ROW = (ResultSet rs, int n) -> new SellerAccount(
            rs.getLong("id"), rs.getString("marketplace"), rs.getString("region"),
            rs.getString("external_account_id"), rs.getString("seller_reference"), AccountStatus.valueOf(rs.getString("status")),
            rs.getString("status_reason"), List.of((String[]) rs.getArray("marketplaces").getArray()),
            instant(rs, "last_successful_sync_at"), rs.getString("last_error"), instant(rs, "last_error_at"), instant(rs, "created_at"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
