package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** abort, retry and windows pause|resume are the server's: without --server they say so and do nothing (exit 2). */
class ServerOnlyCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RemediatorCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void withoutAServerEachSaysItNeedsOne() {
        assertThat(run("abort", "run-1", "--reason", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("retry", "run-1", "--reason", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("windows", "pause", "weekly", "--reason", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("windows", "resume", "weekly", "--reason", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("'abort' needs --server URL", "'retry' needs --server URL",
                "'windows pause' needs --server URL", "'windows resume' needs --server URL");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aReasonIsRequired() {
        assertThat(run("retry", "run-1", "--server", "https://127.0.0.1:1")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--reason");
    }
}
