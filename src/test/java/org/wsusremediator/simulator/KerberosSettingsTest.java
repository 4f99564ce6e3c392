package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's Kerberos settings come from the builder or from both environment variables, checked at start. */
class KerberosSettingsTest {

    @Test
    void bothVariablesGiveTheSettings(@TempDir Path dir) throws Exception {
        Path keytab = Files.write(dir.resolve("http.keytab"), new byte[] {5, 2});
        assertThat(KerberosSettings.fromEnvironment(Map.of(KerberosSettings.KEYTAB_ENV, keytab.toString(),
                KerberosSettings.REALM_ENV, "WSUSLAB.TEST")))
                .contains(new KerberosSettings("WSUSLAB.TEST", keytab));
        assertThat(KerberosSettings.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void halfSetBadRealmOrMissingKeytabAreRefused(@TempDir Path dir) throws Exception {
        Path keytab = Files.write(dir.resolve("http.keytab"), new byte[] {5, 2});
        assertThatThrownBy(() -> KerberosSettings.fromEnvironment(Map.of(KerberosSettings.REALM_ENV, "WSUSLAB.TEST")))
                .hasMessageContaining(KerberosSettings.KEYTAB_ENV);
        assertThatThrownBy(() -> new KerberosSettings("wsuslab.test", keytab)).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> new KerberosSettings("WSUSLAB.TEST", dir.resolve("none.keytab")))
                .hasMessageContaining("is not a readable file");
    }

    @Test
    void aHostAcceptsTicketsForItsOwnHttpPrincipal(@TempDir Path dir) throws Exception {
        Path keytab = Files.write(dir.resolve("http.keytab"), new byte[] {5, 2});
        assertThat(new KerberosSettings("WSUSLAB.TEST", keytab).servicePrincipal("KRB-2008.wsuslab.test"))
                .isEqualTo("HTTP/krb-2008.wsuslab.test@WSUSLAB.TEST");
    }
}
