package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The host's Task Scheduler starts a task by its one-time trigger when the host's clock reaches it, never before. */
class ScheduledTaskClockTest {

    @Test
    void aTriggerStillAheadAtCreationStartsTheTaskWhenTheClockReachesIt() {
        SimulatedHost host = LabHosts.host("sp1-2008-x64");
        String tomorrow = host.now().plusDays(1).toLocalDate().format(DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US));
        ExecutionResult created = run(host, "schtasks /create /tn \"later\" /tr \"echo hi\" /sc once /sd " + tomorrow
                + " /st 01:00 /ru SYSTEM /rl HIGHEST /f");
        assertThat(created.exitCode()).isZero();
        assertThat(created.stderr()).isEmpty();

        host.advanceClock(Duration.ofHours(1));
        assertThat(host.scheduledTasks().get("later").runCount()).as("not yet due").isZero();
        host.advanceClock(Duration.ofDays(2));
        assertThat(host.scheduledTasks().get("later").runCount()).as("fired at its time").isEqualTo(1);
        host.advanceClock(Duration.ofDays(2));
        assertThat(host.scheduledTasks().get("later").runCount()).as("a one-time trigger fires once").isEqualTo(1);
    }

    @Test
    void aTriggerAlreadyPastAtCreationNeverFiresAndOnlyRunStartsTheTask() {
        SimulatedHost host = LabHosts.host("sp1-2008-x64");
        ExecutionResult created = run(host, "schtasks /create /tn \"inert\" /tr \"echo hi\" /sc once /st 00:00 /ru SYSTEM /rl HIGHEST /f");
        assertThat(created.exitCode()).isZero();
        assertThat(created.stderr()).contains("WARNING: Task may not run because /ST is earlier than current time.");

        host.advanceClock(Duration.ofDays(3));
        assertThat(host.scheduledTasks().get("inert").runCount()).isZero();
        assertThat(run(host, "schtasks /run /tn \"inert\"").exitCode()).isZero();
        assertThat(host.scheduledTasks().get("inert").runCount()).isEqualTo(1);
    }

    private static ExecutionResult run(SimulatedHost host, String commandLine) {
        synchronized (host) {
            return CmdInterpreter.run(LabHosts.shell(host), commandLine, "");
        }
    }
}
