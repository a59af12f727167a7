package com.marketplaceconnect.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Authenticated encryption of seller credentials at rest (Tink AEAD, AES256-GCM). The associated data binds a
 * ciphertext to its account, so a ciphertext copied onto another account row does not open. Tink prefixes each
 * ciphertext with its key id, so a rotated keyset still opens old rows; the primary key id is stored beside them too.
 */
@Component
public class CredentialCipher {
    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final Aead aead;
    private final String primaryKeyId;
    private final ObjectMapper json = new ObjectMapper();

    public CredentialCipher(@Value("${credentials.keyset:}") String keysetJson,
                            @Value("${credentials.dev-keyset-file:}") String devKeysetFile) throws GeneralSecurityException, IOException {
        AeadConfig.register();
        KeysetHandle handle = loadKeyset(keysetJson, devKeysetFile);
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedString(handle.getPrimary().getId());
    }

    private static KeysetHandle loadKeyset(String keysetJson, String devKeysetFile) throws GeneralSecurityException, IOException {
        if (keysetJson != null && !keysetJson.isBlank()) {
            return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        }
        if (devKeysetFile == null || devKeysetFile.isBlank()) {
            throw new IllegalStateException("No credentials keyset configured: set credentials.keyset (environment CREDENTIALS_KEYSET) "
                    + "to a Tink AES256-GCM keyset in JSON. Seller credentials are never stored unencrypted.");
        }
        Path file = Path.of(devKeysetFile);
        if (Files.exists(file)) {
            log.warn("Using the DEVELOPMENT credentials key in {} (generated earlier). Never use it in production.", file);
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        }
        KeysetHandle generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()));
        log.warn("Generated a DEVELOPMENT credentials key into {}. Never use it in production: set credentials.keyset.", file);
        return generated;
    }

    public SealedCredentials seal(String accountBinding, Map<String, String> credentials) {
        try {
            byte[] plain = json.writeValueAsBytes(credentials);
            return new SealedCredentials(aead.encrypt(plain, binding(accountBinding)), primaryKeyId);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("Could not encrypt credentials", e);
        }
    }

    public Map<String, String> open(String accountBinding, byte[] ciphertext) {
        try {
            return json.readValue(aead.decrypt(ciphertext, binding(accountBinding)), MAP);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored credentials do not decrypt with the configured keyset (wrong key or tampered row)");
        } catch (IOException e) {
            throw new IllegalStateException("Stored credentials are not a credential document", e);
        }
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    private static byte[] binding(String accountBinding) {
        return ("seller_account:" + accountBinding).getBytes(StandardCharsets.UTF_8);
    }
}
