package org.wsusremediator.remediate;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.host.RestartRecord;

/**
 * The plain-Java steps of the restart route (routes/restart-host.camel.yaml): start a host's restart, wait between
 * checks, count a check that did not reach the host, and give the host its result when the wait ends without it back.
 */
public class RestartSteps {

    /**
     * Whether the host just installed needs the restart its approved settings allow: the installer asked for one (3010,
     * DLL verified: REBOOT_REQUIRED) and the host's allowReboot, part of what was approved, says yes.
     */
    public boolean wanted(HostReport report) {
        RemediationResult result = report.remediation();
        return result != null && result.outcome() == Outcome.REBOOT_REQUIRED && report.host().allowReboot();
    }

    public HostRestart begin(HostReport report, @ExchangeProperty(RemediationRun.PROPERTY) RemediationRun run,
            @ExchangeProperty(ChangeGuard.PROPERTY) ChangeGuard guard) {
        ChangeGuard g = guard == null ? ChangeGuard.NONE : guard;
        String label = g.runName() == null ? "run " + run.runId() : "plan " + run.runId() + ", " + g.runName();
        return new HostRestart(report, run.settings(), g, label);
    }

    /**
     * Waits before the next check (the back-off's delay, never past the wait's end), then proves the run still owns its
     * plan; ends the wait when its time is up. No shell is open meanwhile.
     */
    public HostRestart pause(HostRestart restart) {
        Duration pause = restart.nextPause(Instant.now());
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped while waiting for " + restart.host().name() + " to restart");
            }
        }
        restart.guard().confirmOwnership();
        restart.checkTime(Instant.now());
        return restart;
    }

    /** A check that failed to reach the host: it is down, booting, or its WinRM is not started yet. */
    public HostRestart notAnswering(HostRestart restart, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        restart.notAnswering(Instant.now(), failure == null ? "no answer" : String.valueOf(failure.getMessage()));
        restart.checkTime(Instant.now());
        return restart;
    }

    /** The wait ended without the host back (REBOOT_TIMEOUT), or no restart was sent: the host's report. */
    public HostReport ended(HostRestart restart) {
        RemediationResult before = restart.report().remediation();
        if (restart.notRestarted() != null) {
            return restart.report().withRemediation(restart.notRestarted(), null);
        }
        RestartRecord record = restart.record();
        return restart.report().withRemediation(new RemediationResult(Outcome.REBOOT_TIMEOUT, "KB954960 installed (DLL"
                + " verified before the restart); " + record.describe() + " within " + restart.waitLimit()
                + ": check the host", before.exitCode(), true, record, null), null);
    }
}
