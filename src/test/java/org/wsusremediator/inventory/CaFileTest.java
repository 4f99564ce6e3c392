package org.wsusremediator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.ProblemAssert.assertHasProblem;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.Problem;
import org.wsusremediator.simulator.LabCertificateAuthority;

/** {@code caFile}: read once at load, relative to the file it is written in, checked with located problems. */
class CaFileTest {

    @TempDir
    Path dir;
    static String caPem;
    static String otherCaPem;

    @BeforeAll
    static void cas() {
        caPem = LabCertificateAuthority.create().certificatePem();
        otherCaPem = LabCertificateAuthority.create().certificatePem();
    }

    private InventoryFiles files() {
        return new InventoryFiles(dir);
    }

    @Test
    void aHostTrustsTheCasOfItsCaFileInheritedFromDefaultsOrGroupAndRelativeToTheInventory() {
        InventoryFiles f = files();
        f.write("certs/lab-ca.pem", caPem);
        f.write("certs/two.pem", caPem + otherCaPem);
        Path inventory = f.write("inv.yaml", InventoryFiles.HEAD + """
                  caFile: certs/lab-ca.pem
                groups:
                  g:
                    caFile: certs/two.pem
                    hosts: [ { name: in-group, address: 10.0.0.2, transport: https } ]
                hosts:
                  - { name: plain, address: 10.0.0.1, transport: https }
                  - { name: own, address: 10.0.0.3, transport: https, caFile: ./certs/../certs/lab-ca.pem }
                """);

        Inventory inv = InventoryReader.read(inventory);

        HostEntry plain = inv.host("plain").orElseThrow();
        assertThat(plain.caFile().file()).isEqualTo(dir.resolve("certs/lab-ca.pem").toAbsolutePath());
        assertThat(plain.caFile().certificates()).hasSize(1);
        assertThat(inv.host("in-group").orElseThrow().caFile().certificates()).hasSize(2);
        assertThat(inv.host("own").orElseThrow().caFile()).as("one file, read once").isSameAs(plain.caFile());
    }

    @Test
    void withoutCaFileTheJvmDefaultTrustStoreIsUsed() {
        Path inventory = files().write("inv.yaml", InventoryFiles.HEAD + """
                hosts: [ { name: a, address: 10.0.0.1, transport: https } ]
                """);
        assertThat(InventoryReader.read(inventory).hosts().get(0).caFile()).isNull();
    }

    @Test
    void aMissingCaFileIsALocatedProblem() {
        Path inventory = files().write("inv.yaml", InventoryFiles.HEAD + """
                hosts:
                  - { name: a, address: 10.0.0.1, transport: https, caFile: nowhere.pem }
                """);
        List<Problem> problems = InventoryFiles.problems(inventory);
        assertHasProblem(problems, 7, "hosts[0].caFile", "CA file not found", dir.resolve("nowhere.pem").toString());
    }

    @Test
    void aFileWithoutCertificatesWithAPrivateKeyOrWithAHostCertificateIsRefused() throws Exception {
        InventoryFiles f = files();
        f.write("text.pem", "just some text\n");
        f.write("key.pem", caPem + "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
        f.write("leaf.pem", leafPem());
        f.write("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        Path inventory = f.write("inv.yaml", InventoryFiles.HEAD + """
                hosts:
                  - { name: a, address: 10.0.0.1, transport: https, caFile: text.pem }
                  - { name: b, address: 10.0.0.2, transport: https, caFile: key.pem }
                  - { name: c, address: 10.0.0.3, transport: https, caFile: leaf.pem }
                  - { name: d, address: 10.0.0.4, transport: https, caFile: broken.pem }
                """);
        List<Problem> problems = InventoryFiles.problems(inventory);
        assertHasProblem(problems, 7, "hosts[0].caFile", "holds no PEM certificate");
        assertHasProblem(problems, 8, "hosts[1].caFile", "holds a private key");
        assertHasProblem(problems, 9, "hosts[2].caFile", "'CN=wsus1.example' is not a CA certificate");
        assertHasProblem(problems, 10, "hosts[3].caFile", "is not a valid PEM certificate bundle");
        assertThat(problems).noneSatisfy(p -> assertThat(p.message()).contains("MIIB"));
    }

    @Test
    void caFileWithVerifyTlsFalseIsAContradiction() {
        files().write("ca.pem", caPem);
        Path inventory = files().write("inv.yaml", InventoryFiles.HEAD + """
                  caFile: ca.pem
                hosts:
                  - { name: a, address: 10.0.0.1, transport: https, verifyTls: false }
                """);
        assertHasProblem(InventoryFiles.problems(inventory), 8, "hosts[0]", "verifyTls: false and caFile");
    }

    @Test
    void aCsvHostListMayNameACaFileRelativeToItself() {
        InventoryFiles f = files();
        f.write("lists/ca.pem", caPem);
        f.write("lists/hosts.csv", "name,address,transport,caFile\nw1,10.0.0.1,https,ca.pem\n");
        Path inventory = f.write("inv.yaml", InventoryFiles.HEAD + "hostsCsv: lists/hosts.csv\n");
        assertThat(InventoryReader.read(inventory).hosts().get(0).caFile().file())
                .isEqualTo(dir.resolve("lists/ca.pem").toAbsolutePath());
    }

    /** A server's own certificate (no CA basic constraint): what an admin might export by mistake. */
    private static String leafPem() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        X500Name name = new X500Name("CN=wsus1.example");
        Instant now = Instant.now();
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(now),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        var out = new java.io.StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(holder);
        }
        return out.toString();
    }
}
