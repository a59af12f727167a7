package com.marketplaceconnect.credentials;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {

    private static String keyset(KeysetHandle handle) throws Exception {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    @Test
    void sealsSoTheSecretIsNotInTheCiphertextAndOpensOnlyForTheSameAccount() throws Exception {
        AeadConfig.register();
        CredentialCipher cipher = new CredentialCipher(keyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)), "");
        SealedCredentials sealed = cipher.seal("AMAZON:EU:A1", Map.of("refreshToken", "Atzr|very-secret-refresh-token"));

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(sealed.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(cipher.open("AMAZON:EU:A1", sealed.ciphertext())).containsEntry("refreshToken", "Atzr|very-secret-refresh-token");
        assertThatThrownBy(() -> cipher.open("AMAZON:EU:A2", sealed.ciphertext()))
                .hasMessageContaining("do not decrypt").hasMessageNotContaining("very-secret");
    }

    @Test
    void aRotatedKeysetStillOpensWhatTheOldKeySealed() throws Exception {
        AeadConfig.register();
        KeysetHandle old = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        CredentialCipher before = new CredentialCipher(keyset(old), "");
        SealedCredentials sealed = before.seal("FLIPKART:IN:S1", Map.of("appSecret", "s3cret"));

        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        CredentialCipher after = new CredentialCipher(keyset(rotated), "");

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(after.open("FLIPKART:IN:S1", sealed.ciphertext())).containsEntry("appSecret", "s3cret");
        assertThat(rotated.getAt(0).getStatus()).isEqualTo(KeyStatus.ENABLED);
    }

    @Test
    void refusesToStartWithoutAKeyUnlessADevelopmentKeyFileIsAllowed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new CredentialCipher("", "")).hasMessageContaining("credentials.keyset");

        Path file = dir.resolve("dev-keyset.json");
        CredentialCipher generated = new CredentialCipher("", file.toString());
        assertThat(Files.exists(file)).isTrue();
        SealedCredentials sealed = generated.seal("X", Map.of("k", "v"));
        assertThat(new CredentialCipher("", file.toString()).open("X", sealed.ciphertext())).containsEntry("k", "v");
    }
}
