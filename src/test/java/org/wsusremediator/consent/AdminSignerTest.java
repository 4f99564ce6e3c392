package org.wsusremediator.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.plan.SigningKey;

/** An admin's own key: made owner-only, read only from an owner-only file, never in a message; its public half checks. */
class AdminSignerTest {

    @TempDir
    Path dir;

    @Test
    void aKeyPairSignsWhatItsPublicKeyVerifiesAndNothingElse() throws Exception {
        Path file = dir.resolve("bob.pem");
        SigningKey key = SigningKey.parse(AdminSigner.generate(file));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        AdminSigner signer = AdminSigner.load(file);
        String signature = signer.sign("approve p-1");
        assertThat(key.verifies("approve p-1", signature)).isTrue();
        assertThat(key.verifies("approve p-2", signature)).isFalse();
        assertThat(key.verifies("approve p-1", "not base64!")).isFalse();
        assertThat(key.verifies("approve p-1", null)).isFalse();
        SigningKey other = SigningKey.parse(AdminSigner.generate(dir.resolve("other.pem")));
        assertThat(other.verifies("approve p-1", signature)).isFalse();
        assertThat(signer.toString()).isEqualTo("AdminSigner[" + file + "]");
    }

    @Test
    void keygenNeverOverwrites() throws Exception {
        Path file = dir.resolve("bob.pem");
        AdminSigner.generate(file);
        String before = Files.readString(file);
        assertThatThrownBy(() -> AdminSigner.generate(file)).isInstanceOf(ConsentException.class)
                .hasMessageContaining("exists: keygen never overwrites a key");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithoutItsContent() throws Exception {
        Path file = dir.resolve("bob.pem");
        AdminSigner.generate(file);
        String body = Files.readString(file).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> AdminSigner.load(file)).isInstanceOf(ConsentException.class)
                .hasMessageContaining("the signing key " + file + " is readable or writable by group or others")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
    }

    @Test
    void aFileThatIsNotAnEd25519PrivateKeyIsRefusedWithoutItsContent() throws Exception {
        Path rsa = dir.resolve("rsa.pem");
        String rsaBody = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded());
        Files.writeString(rsa, "-----BEGIN PRIVATE KEY-----\n" + rsaBody + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(rsa, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AdminSigner.load(rsa)).isInstanceOf(ConsentException.class)
                .hasMessage("the signing key " + rsa + " is not an Ed25519 private key (PKCS#8 PEM)");

        Path text = dir.resolve("secret.txt");
        Files.writeString(text, "hunter2-not-a-key\n");
        Files.setPosixFilePermissions(text, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AdminSigner.load(text)).isInstanceOf(ConsentException.class)
                .hasMessageContaining("is not a PEM \"PRIVATE KEY\" (PKCS#8) file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aPublicKeyThatIsNotEd25519IsRefused() throws Exception {
        String rsaPublic = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> SigningKey.parse(rsaPublic)).hasMessageContaining("longer than 200 characters");
        String ecPublic = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> SigningKey.parse(ecPublic)).hasMessageContaining("not an Ed25519 public key");
        assertThatThrownBy(() -> SigningKey.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SigningKey.parse("@@@")).hasMessageContaining("not base64");
    }
}
