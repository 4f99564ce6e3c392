package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.store.Store;

/**
 * {@code remediator serve} as an admin runs it, in a JVM of its own, stopped with SIGTERM (what systemd and
 * Ctrl-C send): it must stop promptly and quietly, Quartz before the store, with no stack trace.
 */
class ServeShutdownIT {

    @TempDir
    Path dir;

    private Process serve;

    @AfterEach
    void kill() {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsServePromptlyAndQuietly() throws Exception {
        new ApplyFleet("127.55.13").sp1("s1", "east", null)
                .windows("  - { name: nightly, start: \"0 0 3 * * ?\", duration: 1h, timeZone: UTC }\n")
                .write(dir.resolve("fleet"));
        Path stderr = dir.resolve("serve.err");
        serve = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand", "serve",
                "--db", Store.defaultH2Url(dir.resolve("data")), "--db-user", "sa",
                "--admins", dir.resolve("fleet/admins.yaml").toString(),
                "--windows", dir.resolve("fleet/windows.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString()))
                .directory(dir.toFile())
                .redirectError(stderr.toFile())
                .start();
        // serve prints each window's next start once its trigger is scheduled: then it is fully up.
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("window nightly: next start"));
            assertThat(line).as(() -> "serve started; stderr:\n" + read(stderr)).isNotNull();

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as(() -> "serve stopped within 20 s of SIGTERM; stderr:\n"
                    + read(stderr)).isTrue();
        }
        assertThat(read(stderr)).as("stderr after SIGTERM").doesNotContain("Exception", "\tat ", "already closed");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
