package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's options: what goes onto the simulator process's command line is checked, files are written. */
class BenchmarkCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RemediatorCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aSimulatorHeapThatIsNotASizeIsBadInputAndStartsNothing() {
        // it becomes -Xmx<SIZE> of the child JVM: nothing else may ride along into that command line
        assertThat(run("benchmark", "--hosts", "2", "--simulator-heap", "1g -XX:+PrintFlagsFinal")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--simulator-heap: a size like 768m or 1g");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void outOfRangeFiguresAndAnUnknownAuthAreBadInput() {
        assertThat(run("benchmark", "--hosts", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("benchmark", "--hosts", "2", "--progress-seconds", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("benchmark", "--hosts", "2", "--auth", "kerberos")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--auth: ntlm or basic, not 'kerberos'");
    }

    @Test
    void writeFilesWritesTheComparisonFilesAndScansNothing(@TempDir Path dir) {
        assertThat(run("benchmark", "--write-files", dir.toString(), "--hosts", "3", "--first-address", "127.87.7.1",
                "--port", "55991", "--auth", "basic")).isEqualTo(ExitCodes.OK);
        assertThat(dir.resolve("fleet.yaml")).isRegularFile();
        assertThat(dir.resolve("inventory.yaml")).isRegularFile();
        assertThat(dir.resolve("probe-command.txt")).isRegularFile();
        assertThat(dir.resolve("hosts.txt")).hasContent("127.87.7.1\n127.87.7.2\n127.87.7.3");
        assertThat(out.toString()).contains("wrote " + dir.resolve("fleet.yaml"));
    }
}
