package org.wsusremediator.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KRB5_CONFIG, which Java ignores, names the JVM's krb5.conf unless java.security.krb5.conf already does. */
class KerberosConfigurationTest {

    private String saved;

    @BeforeEach
    void clear() {
        saved = System.clearProperty(KerberosConfiguration.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(KerberosConfiguration.PROPERTY);
        } else {
            System.setProperty(KerberosConfiguration.PROPERTY, saved);
        }
    }

    @Test
    void theFirstExistingFileOfKrb5ConfigBecomesTheProperty(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n");
        String list = dir.resolve("missing.conf") + ":" + conf;

        assertThat(KerberosConfiguration.apply(Map.of("KRB5_CONFIG", list))).isEqualTo(conf.toString());
        assertThat(System.getProperty(KerberosConfiguration.PROPERTY)).isEqualTo(conf.toString());
    }

    @Test
    void anExplicitPropertyWins(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n");
        System.setProperty(KerberosConfiguration.PROPERTY, "/etc/admin-chose-this.conf");

        assertThat(KerberosConfiguration.apply(Map.of("KRB5_CONFIG", conf.toString()))).isEqualTo("/etc/admin-chose-this.conf");
        assertThat(System.getProperty(KerberosConfiguration.PROPERTY)).isEqualTo("/etc/admin-chose-this.conf");
    }

    @Test
    void withoutKrb5ConfigJavaKeepsItsDefault() {
        assertThat(KerberosConfiguration.apply(Map.of())).isNull();
        assertThat(System.getProperty(KerberosConfiguration.PROPERTY)).isNull();
    }
}
