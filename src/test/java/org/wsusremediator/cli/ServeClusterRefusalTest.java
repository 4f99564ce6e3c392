package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --config with {@code cluster.enabled: true} on H2: exit 2 naming the file and the field, nothing started. */
class ServeClusterRefusalTest {

    @TempDir
    Path dir;

    @Test
    void aClusterOnTheH2StoreRefusesStart() throws Exception {
        Files.writeString(dir.resolve("admins.yaml"), "admins:\n  - { name: a, roles: [viewer] }\n");
        Files.writeString(dir.resolve("windows.yaml"), "applyNow: false\n");
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, """
                listen: { address: 127.0.0.1, port: 0, plainHttp: true }
                management: { address: 127.0.0.1, port: 1 }
                admins: admins.yaml
                windows: windows.yaml
                store: { url: "jdbc:h2:file:%s" }
                cluster: { enabled: true, checkinIntervalSeconds: 5 }
                """.formatted(dir.resolve("data/remediator")));
        for (String f : new String[] {"admins.yaml", "windows.yaml", "server.yaml"}) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RemediatorCommand.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--config", config.toString());
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(config.toString(), "cluster.enabled: true needs a PostgreSQL store",
                "H2 is one process's file and stays single-node", "the server did not start");
        assertThat(out.toString()).doesNotContain("serving").doesNotContain("cluster node");
        assertThat(dir.resolve("data")).as("no store was opened").doesNotExist();
    }
}
