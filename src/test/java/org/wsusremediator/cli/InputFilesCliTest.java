package org.wsusremediator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan} given a file it must not read (issue 8, items 8 and 9), through the real command line: exit 2
 * (bad input) at once, with a short message. Before, a FIFO blocked the scan forever, {@code hostsCsv:
 * /dev/zero} read forever, and a 30 MB value took minutes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFilesCliTest {

    @TempDir
    Path dir;

    @Test
    void scanningAFifoIsBadInput() throws Exception {
        Path fifo = dir.resolve("inventory.yaml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();

        CliTest.Run run = CliTest.run("scan", fifo.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains("not a regular file");
    }

    @Test
    void devZeroAsAHostListIsBadInput() throws Exception {
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"), """
                credentials:
                  prod: { username: svc, password: env:PROD_PASSWORD }
                defaults: { credential: prod }
                hostsCsv: /dev/zero
                """);
        CliTest.Run run = CliTest.run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains(inventory + ":4: hostsCsv:", "not a regular file");
    }

    @Test
    void aThirtyMegabyteValueIsBadInputWithAShortMessage() throws Exception {
        Path inventory = dir.resolve("inventory.yaml");
        try (Writer w = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
            w.write("credentials:\n  prod: { username: svc, password: env:PROD_PASSWORD }\ndefaults: { credential: prod }\n"
                    + "hosts:\n  - { name: h1, address: ");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 480; i++) {
                w.write(chunk);
            }
            w.write(" }\n");
        }
        CliTest.Run run = CliTest.run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains("bytes long", "at most").doesNotContain("xxxxxxxxxx")
                .hasSizeLessThan(2_000);
    }
}
