package org.wsusremediator.simulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.WinRmServiceSpec.CertificateKind;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab CA's certificates, checked with the JDK's own PKIX validator, not with the library that made them. */
class LabCertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static LabCertificateAuthority ca;

    @BeforeAll
    static void create() {
        ca = LabCertificateAuthority.create();
    }

    @Test
    void aLabCaCertificateChainsToTheCaAndNamesTheHostAndItsAddress() throws Exception {
        List<X509Certificate> chain = ca.chainFor("tls-ok", "127.62.0.10", CertificateKind.LAB_CA);

        validate(chain.get(0), new Date());
        X509Certificate leaf = chain.get(0);
        assertThat(sans(leaf)).containsExactlyInAnyOrder(List.of(2, "tls-ok"), List.of(7, "127.62.0.10"));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=tls-ok");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        leaf.checkValidity();
    }

    @Test
    void theCaIsACaAndSelfSigned() throws Exception {
        X509Certificate root = ca.certificate();
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        root.verify(root.getPublicKey());
    }

    @Test
    void anExpiredCertificateIsRefusedByTheValidatorForItsDates() throws Exception {
        X509Certificate leaf = ca.chainFor("tls-expired", "127.62.0.11", CertificateKind.EXPIRED).get(0);

        assertThatThrownBy(leaf::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> validate(leaf, new Date())).isInstanceOf(CertPathValidatorException.class)
                .hasMessageContaining("validity check failed");
        assertThat(leaf.getNotAfter().toInstant()).isBefore(Instant.now().minus(Duration.ofDays(29)));
        // Otherwise it is a good certificate: valid on a day inside its window.
        validate(leaf, Date.from(leaf.getNotAfter().toInstant().minus(Duration.ofDays(1))));
    }

    @Test
    void aWrongNameCertificateIsTheCasButForAnotherNameAndAddress() throws Exception {
        X509Certificate leaf = ca.chainFor("tls-wrong", "127.62.0.12", CertificateKind.WRONG_NAME).get(0);

        validate(leaf, new Date());
        assertThat(sans(leaf)).containsExactlyInAnyOrder(List.of(2, "tls-wrong.elsewhere.lab.invalid"),
                List.of(7, "192.0.2.1"));
    }

    @Test
    void aSelfSignedCertificateDoesNotChainToTheCa() throws Exception {
        List<X509Certificate> chain = ca.chainFor("tls-self", "127.62.0.13", CertificateKind.SELF_SIGNED);

        assertThat(chain).hasSize(1);
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
        leaf.verify(leaf.getPublicKey());
        assertThatThrownBy(() -> validate(leaf, new Date())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void theWrittenPemHoldsOnlyTheCaCertificate(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("sub/lab-ca.pem");
        ca.writeCertificatePem(pem);
        ca.writeCertificatePem(pem);   // rewritten in place, no temporary file left behind

        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        java.util.Collection<? extends java.security.cert.Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        assertThat(List.<Object>copyOf(read)).containsExactly(ca.certificate());
        try (var files = Files.list(pem.getParent())) {
            assertThat(files).containsExactly(pem);
        }
    }

    @Test
    void twoStartsMakeTwoDifferentCas() {
        LabCertificateAuthority other = LabCertificateAuthority.create();
        assertThat(other.certificate().getPublicKey()).isNotEqualTo(ca.certificate().getPublicKey());
    }

    private static void validate(X509Certificate leaf, Date at) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(at);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static List<List<?>> sans(X509Certificate cert) throws Exception {
        return List.copyOf(cert.getSubjectAlternativeNames());
    }
}
