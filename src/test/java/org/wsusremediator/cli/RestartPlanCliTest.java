package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** plan --restarts is local (the lab fleet) for now: with --server it is refused before anything is contacted. */
class RestartPlanCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aRestartPlanThroughTheServerIsRefusedAndSaysSo() {
        int code = RemediatorCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "plan", "inventory/lab.yaml", "--restarts", "--server", "https://127.0.0.1:1");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("plan --restarts is not supported with --server yet");
        assertThat(out.toString()).isEmpty();
    }
}
