package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --config refuses files others may change or read, and plain HTTP off loopback. */
class ServerConfigTest {

    @TempDir
    Path dir;

    @Test
    void filesWithBadModesRefuseStartNamingFileAndMode() throws Exception {
        Path config = ServerFiles.write(dir, "127.68.2", true);
        ConfigFiles files = ConfigFiles.forThisProcess();
        assertThat(ServerStartup.read(config, files).credentials()).containsKey("WSUS_LAB_PASSWORD");

        Files.setPosixFilePermissions(dir.resolve("admins.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> ServerStartup.read(config, files)).isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("admins.yaml").hasMessageContaining("rw-rw-r--").hasMessageContaining("refusing to start");
        Files.setPosixFilePermissions(dir.resolve("admins.yaml"), PosixFilePermissions.fromString("rw-r--r--"));

        Files.setPosixFilePermissions(dir.resolve("wsus.password"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ServerStartup.read(config, files)).hasMessageContaining("wsus.password")
                .hasMessageContaining("holds a secret").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(ServerFiles.FLEET_PASSWORD));
        Files.setPosixFilePermissions(dir.resolve("wsus.password"), PosixFilePermissions.fromString("rw-------"));

        Files.setPosixFilePermissions(dir.resolve("server.key.pem"), PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> ServerStartup.read(config, files)).hasMessageContaining("server.key.pem");
        Files.setPosixFilePermissions(dir.resolve("server.key.pem"), PosixFilePermissions.fromString("rw-------"));

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(() -> ServerStartup.read(config, files)).hasMessageContaining("server.yaml");
    }

    @Test
    void plainHttpOnlyOnLoopback() throws Exception {
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, """
                listen: { address: 0.0.0.0, port: 8080, plainHttp: true }
                management: { port: 9464 }
                admins: admins.yaml
                windows: windows.yaml
                """);
        assertThatThrownBy(() -> ServerConfig.read(config)).hasMessageContaining("listen.plainHttp: true needs a loopback");
        Files.writeString(config, """
                listen: { address: 127.0.0.1, port: 8080, plainHttp: true }
                management: { port: 9464 }
                admins: admins.yaml
                windows: windows.yaml
                """);
        assertThat(ServerConfig.read(config).tls()).isFalse();
        Files.writeString(config, "listen: { address: 127.0.0.1 }\nadmins: a.yaml\nwindows: w.yaml\n");
        assertThatThrownBy(() -> ServerConfig.read(config)).hasMessageContaining("tls.certificate and tls.key");
    }

    @Test
    void consoleIdleTimeoutDefaultsTo15MinutesAndIsBounded() throws Exception {
        Path config = dir.resolve("server.yaml");
        String base = """
                listen: { address: 127.0.0.1, port: 8080, plainHttp: true }
                management: { port: 9464 }
                admins: admins.yaml
                windows: windows.yaml
                """;
        Files.writeString(config, base);
        assertThat(ServerConfig.read(config).consoleIdleTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
        Files.writeString(config, base + "console: {}\n");
        assertThat(ServerConfig.read(config).consoleIdleTimeout()).isEqualTo(java.time.Duration.ofSeconds(900));
        for (int ok : new int[] {10, 600, 28800}) {
            Files.writeString(config, base + "console: { idleTimeoutSeconds: " + ok + " }\n");
            assertThat(ServerConfig.read(config).consoleIdleTimeout()).isEqualTo(java.time.Duration.ofSeconds(ok));
        }
        for (int bad : new int[] {9, 0, -1, 28801, Integer.MAX_VALUE}) {
            Files.writeString(config, base + "console: { idleTimeoutSeconds: " + bad + " }\n");
            assertThatThrownBy(() -> ServerConfig.read(config)).isInstanceOf(ServerConfigException.class)
                    .hasMessage(config + ": console.idleTimeoutSeconds: from 10 to 28800 (was " + bad + ")");
        }
        Files.writeString(config, base + "console: { idleTimeoutSeconds: soon }\n");
        assertThatThrownBy(() -> ServerConfig.read(config)).isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("idleTimeoutSeconds");
        Files.writeString(config, base + "console: { idleTimeoutSeconds: 99999999999 }\n");
        assertThatThrownBy(() -> ServerConfig.read(config)).as("past an int").isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("idleTimeoutSeconds");
        Files.writeString(config, base + "console: { idleTimeout: 60 }\n");
        assertThatThrownBy(() -> ServerConfig.read(config)).as("a misspelt key is not ignored")
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("idleTimeout");
    }
}
