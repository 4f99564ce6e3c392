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
}
