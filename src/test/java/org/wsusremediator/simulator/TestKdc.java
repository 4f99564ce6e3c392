package org.wsusremediator.simulator;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * The lab KDC that src/test/kerberos/start-kdc.sh started, as its printed environment describes it. The Kerberos
 * tests run only where that environment is present, and in CI always (.ci/run starts the KDC; a missing KDC
 * fails there). They also need the host names of src/test/kerberos/hosts to resolve: Failsafe's kerberos-it
 * execution runs them with {@code -Djdk.net.hosts.file} (pom.xml).
 *
 * @param realm        e.g. WSUSLAB.TEST
 * @param krb5Config   the generated krb5.conf (the KDC's address)
 * @param keytab       the HTTP/ service principals' keys, for the simulator
 * @param user         the lab account's principal, e.g. WSUS-ADMIN@WSUSLAB.TEST
 * @param passwordFile an owner-only file holding its password
 */
public record TestKdc(String realm, Path krb5Config, Path keytab, String user, Path passwordFile) {

    /** The KDC, or the test is skipped (outside CI) / failed (in CI) when start-kdc.sh's environment is missing. */
    public static TestKdc require() {
        String realm = System.getenv("REMEDIATOR_TEST_KDC_REALM");
        if (realm == null || realm.isBlank()) {
            unavailable("REMEDIATOR_TEST_KDC_* is not set: run eval \"$(src/test/kerberos/start-kdc.sh)\" first");
        }
        if (System.getProperty("jdk.net.hosts.file") == null) {
            Assumptions.abort("Kerberos tests run in Failsafe's kerberos-it execution (-Djdk.net.hosts.file); skipped here");
        }
        TestKdc kdc = new TestKdc(realm, Path.of(System.getenv("REMEDIATOR_TEST_KDC_KRB5_CONFIG")),
                Path.of(System.getenv("REMEDIATOR_TEST_KDC_KEYTAB")), System.getenv("REMEDIATOR_TEST_KDC_USER"),
                Path.of(System.getenv("REMEDIATOR_TEST_KDC_PASSWORD_FILE")));
        // Java reads no KRB5_CONFIG: this JVM's Kerberos (the product's client, the simulator's acceptor) uses the
        // lab KDC's file, as REMEDIATOR_JAVA_OPTS=-Djava.security.krb5.conf=... does for ./remediator.
        System.setProperty("java.security.krb5.conf", kdc.krb5Config.toString());
        return kdc;
    }

    private static void unavailable(String why) {
        if (System.getenv("CI") != null) {
            fail("the lab KDC must run in CI (.ci/run starts it): " + why);
        }
        Assumptions.abort(why);
    }

    public KerberosSettings settings() {
        return new KerberosSettings(realm, keytab);
    }

    public String password() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Gets the user's ticket-granting ticket into a new ticket cache in {@code dir} (MIT kinit); its KRB5CCNAME. */
    public String kinit(Path dir) throws IOException, InterruptedException {
        String cache = "FILE:" + dir.resolve("krb5cc");
        ProcessBuilder pb = new ProcessBuilder("kinit", user).redirectErrorStream(true)
                .redirectInput(passwordFile.toFile());
        pb.environment().put("KRB5_CONFIG", krb5Config.toString());
        pb.environment().put("KRB5CCNAME", cache);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("kinit " + user + " failed: " + output);
        }
        return cache;
    }
}
