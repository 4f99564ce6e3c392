package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --config with a secret others can read: exit 2 naming the file and its mode, nothing started. */
class ServeConfigRefusalTest {

    @TempDir
    Path dir;

    @Test
    void aReadableCredentialFileRefusesStart() throws Exception {
        Files.writeString(dir.resolve("admins.yaml"), "admins:\n  - { name: a, roles: [viewer] }\n");
        Files.writeString(dir.resolve("windows.yaml"), "applyNow: false\n");
        Files.writeString(dir.resolve("wsus.password"), "fleet-Secret-42\n");
        Files.setPosixFilePermissions(dir.resolve("wsus.password"), PosixFilePermissions.fromString("rw-r--r--"));
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, """
                listen: { address: 127.0.0.1, port: 0, plainHttp: true }
                management: { address: 127.0.0.1, port: 1 }
                admins: admins.yaml
                windows: windows.yaml
                credentials: { WSUS_PASSWORD: wsus.password }
                """);
        for (String f : new String[] {"admins.yaml", "windows.yaml", "server.yaml"}) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RemediatorCommand.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--config", config.toString());
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("wsus.password", "rw-r--r--", "holds a secret", "the server did not start")
                .doesNotContain("fleet-Secret-42");
        assertThat(out.toString()).doesNotContain("serving");
    }
}
