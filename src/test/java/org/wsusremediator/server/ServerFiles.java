package org.wsusremediator.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wsusremediator.plan.SecretHash;

/**
 * A server's files for tests, written owner-only as {@code serve --config} demands: a self-signed certificate (Bouncy
 * Castle) for 127.0.0.1, the admins (alice requester, bob approver, carol operator, dave viewer), the windows, a
 * small simulated fleet on the subnet given (127.68.1.x and others) and its inventory, the fleet's credential file and
 * server.yaml. Public for the console's tests, which log in with the admins' passwords.
 */
public final class ServerFiles {

    public static final String ALICE_TOKEN = "alice-test-token-1";
    public static final String ALICE_PASSWORD = "alice-test-password";
    public static final String BOB_TOKEN = "bob-test-token-2";
    public static final String BOB_PASSWORD = "bob-test-password";
    public static final String CAROL_TOKEN = "carol-test-token-3";
    public static final String CAROL_PASSWORD = "carol-test-password";
    public static final String DAVE_TOKEN = "dave-test-token-4";
    public static final String DAVE_PASSWORD = "dave-test-password";
    /** The simulator's accounts read WSUS_LAB_PASSWORD (set by the pom); the server reads the same from a file. */
    public static final String FLEET_PASSWORD = "lab-test-Pa55word!";
    static final String X64_SHA256 = "6f8c6f26379e01ca1962bc51d162fe375830d78a5f23d19177cea8803d8c7029";

    private ServerFiles() {
    }

    public static Path write(Path dir, String subnet, boolean tls) throws Exception {
        return write(dir, subnet, tls, "jdbc:h2:file:" + dir.resolve("data").resolve("remediator"), "sa", null);
    }

    /** As above, with the store given: a password is written to a file of its own, as the server reads it. */
    public static Path write(Path dir, String subnet, boolean tls, String storeUrl, String storeUser, String storePassword)
            throws Exception {
        return write(dir, subnet, tls, storeUrl, storeUser, storePassword, 2, null);
    }

    /**
     * On H2, with {@code hosts} simulated hosts (sp1-a, sp1-b, sp1-c, ... at .10, .11, .12, ... of the subnet; at most
     * 26) and the console's {@code idleTimeoutSeconds} (none written when null: the server's default).
     */
    public static Path write(Path dir, String subnet, boolean tls, int hosts, Integer consoleIdleTimeoutSeconds)
            throws Exception {
        return write(dir, subnet, tls, "jdbc:h2:file:" + dir.resolve("data").resolve("remediator"), "sa", null, hosts,
                consoleIdleTimeoutSeconds);
    }

    private static Path write(Path dir, String subnet, boolean tls, String storeUrl, String storeUser, String storePassword,
            int hosts, Integer consoleIdleTimeoutSeconds) throws Exception {
        if (hosts < 1 || hosts > 26) {
            throw new IllegalArgumentException("hosts: 1 to 26");
        }
        StringBuilder fleetHosts = new StringBuilder();
        StringBuilder inventoryHosts = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            String name = "sp1-" + (char) ('a' + i);
            fleetHosts.append(host(name, subnet + "." + (10 + i)));
            inventoryHosts.append(i == 0 ? "" : "\n").append("      - { name: ").append(name).append(", address: ")
                    .append(subnet).append('.').append(10 + i).append(" }");
        }
        Files.createDirectories(dir);
        if (tls) {
            certificate(dir);
        }
        owned(dir.resolve("admins.yaml"), """
                approvals: { required: 1, twoPersonRule: true, planValidityHours: 72 }
                admins:
                  - { name: alice, roles: [requester, approver], tokenHash: "%s", passwordHash: "%s" }
                  - { name: bob, roles: [approver], tokenHash: "%s", passwordHash: "%s" }
                  - { name: carol, roles: [operator], tokenHash: "%s", passwordHash: "%s" }
                  - { name: dave, roles: [viewer], tokenHash: "%s", passwordHash: "%s" }
                """.formatted(SecretHash.hash(ALICE_TOKEN), SecretHash.hash(ALICE_PASSWORD), SecretHash.hash(BOB_TOKEN),
                SecretHash.hash(BOB_PASSWORD), SecretHash.hash(CAROL_TOKEN), SecretHash.hash(CAROL_PASSWORD),
                SecretHash.hash(DAVE_TOKEN), SecretHash.hash(DAVE_PASSWORD)), "rw-------");
        owned(dir.resolve("windows.yaml"), """
                applyNow: true
                rollout:
                  canary: 1
                  waveSize: 50%
                  minWaveSuccess: 100%
                  maxFailures: 50%
                  concurrency: 4
                  perGroup: 0
                """, "rw-------");
        fleet(dir.resolve("fleet.yaml"), fleetHosts + "\n", 5);
        inventory(dir.resolve("inventory.yaml"), true, "  main:\n    hosts:\n" + inventoryHosts + "\n");
        owned(dir.resolve("wsus.password"), FLEET_PASSWORD + "\n", "rw-------");
        Path config = dir.resolve("server.yaml");
        owned(config, """
                listen: { address: 127.0.0.1, port: 0%s }
                %s
                management: { address: 127.0.0.1, port: %d }
                admins: admins.yaml
                windows: windows.yaml
                inventories: [inventory.yaml]
                credentials:
                  WSUS_LAB_PASSWORD: wsus.password
                store: { url: "%s", user: "%s"%s }
                reportDir: reports
                """.formatted(tls ? "" : ", plainHttp: true",
                tls ? "tls: { certificate: server.crt.pem, key: server.key.pem }" : "", freePort(),
                storeUrl, storeUser, storePassword == null ? "" : ", passwordFile: store.password")
                + (consoleIdleTimeoutSeconds == null ? "" : "console: { idleTimeoutSeconds: " + consoleIdleTimeoutSeconds + " }\n"),
                "rw-------");
        if (storePassword != null) {
            owned(dir.resolve("store.password"), storePassword + "\n", "rw-------");
        }
        return config;
    }

    /**
     * A free port for the management server: Camel's platform-http serves management on the main server when both
     * ports are equal, so two 0s would share one (docs/server.md). Freed just before the server binds it.
     */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A fleet file of WSUS 3.0 SP1 hosts that need KB954960 ({@code hosts}: {@link #host} entries), with the lab's
     * account and the package, each request slowed by {@code latencyMs}.
     */
    static void fleet(Path file, String hosts, long latencyMs) throws IOException {
        owned(file, """
                defaults:
                  port: 55985
                  latencyMs: %d
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                packages:
                  - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe'
                    content: "Simulated WSUS 3.0 SP1 KB954960 package (x64) for the lab fleet - not a real installer"
                hosts:
                """.formatted(latencyMs) + hosts, "rw-------");
    }

    /**
     * The inventory of such a fleet: NTLM with the lab's credential, the package pinned, upgrades to a file beside it.
     * {@code groups} is the block under {@code groups:} (each group indented by two spaces, its hosts by six, ending in a
     * newline). With {@code simulator} the server starts the fleet of {@code fleet.yaml} beside it itself; without, the
     * hosts are reached where they are (a fleet a test runs, as every node of a cluster reaches the same hosts).
     */
    static void inventory(Path file, boolean simulator, String groups) throws IOException {
        owned(file, (simulator ? "simulator: fleet.yaml\n" : "") + """
                credentials:
                  lab-admin:
                    username: LAB\\wsus-admin
                    password: env:WSUS_LAB_PASSWORD
                defaults:
                  credential: lab-admin
                  rtmPolicy: upgrade
                  port: 55985
                  auth: ntlm
                  timeouts: { connect: 2s, operation: 5s, receive: 3s }
                groups:
                %sremediation:
                  packages:
                    x64: { source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe', sha256: %s }
                  installTimeout: 8s
                  upgradeSink: "file:%s"
                """.formatted(groups, X64_SHA256, file.resolveSibling("upgrades")), "rw-------");
    }

    /** One fleet-file host: WSUS 3.0 SP1 on Server 2008 x64, the client web service DLL below 3.1.6001.66. */
    static String host(String name, String address) {
        return """
                  - name: %s
                    address: %s
                    os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                    architecture: x64
                    powershell: "2.0"
                    wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                    dllVersion: 3.1.6001.65
                    log: { folder: LogFiles, signatures: 0 }
                """.formatted(name, address);
    }

    public static void owned(Path file, String text, String mode) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    /** A TLS context that trusts exactly the test server's certificate (the PEM {@link #certificate} wrote). */
    public static javax.net.ssl.SSLContext trusting(Path certificatePem) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(certificatePem)) {
            trust.setCertificateEntry("server", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return ssl;
    }

    /** A self-signed certificate for 127.0.0.1 and its key, as PEM files; the certificate also in server.crt.pem. */
    static X509Certificate certificate(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=remediator test server");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        owned(dir.resolve("server.crt.pem"), pem(certificate), "rw-r--r--");
        // PKCS#8, as 'openssl genpkey' writes it.
        owned(dir.resolve("server.key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", "rw-------");
        return certificate;
    }

    private static String pem(Object o) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(o);
        }
        return text.toString();
    }
}
