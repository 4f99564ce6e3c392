package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.store.Store;

/**
 * Issue 9, "Also" 1: the embedded H2 file allows one process at a time. A command run while another process holds
 * the store (a run, {@code serve}) is refused with exit 5, as the README promises, saying that another process
 * holds the store and naming its file, never the password; it was an internal error (exit 1, "Database may be
 * already in use").
 */
class StoreInUseIT {

    private static final String PASSWORD = "h2-In-Use-Secret-3";

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = System::getenv;
    }

    @Test
    void commandsOnAStoreHeldByAnotherProcessAreRefusedWithExit5NamingTheFile() throws Exception {
        String url = Store.defaultH2Url(dir.resolve("data"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                HoldStore.class.getName(), url))
                .directory(dir.toFile())
                .redirectError(dir.resolve("holder.err").toFile());
        builder.environment().put("REMEDIATOR_DB_PASSWORD", PASSWORD);
        Process holder = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the other process holds the store").isEqualTo("HELD");
            StoreOptions.environment = Map.of("REMEDIATOR_DB_PASSWORD", PASSWORD)::get;

            for (String[] command : List.of(new String[] {"status"}, new String[] {"audit", "verify"})) {
                CliTest.Run run = CliTest.run(concat(command, "--db", url));
                assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isEqualTo(ExitCodes.REFUSED);
                assertThat(run.err()).contains("another process", dir.resolve("data").resolve("remediator.mv.db").toString())
                        .doesNotContain(PASSWORD).doesNotContain("internal error").doesNotContain("\tat ");
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = java.util.Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
