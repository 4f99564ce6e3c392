package org.wsusremediator.remediate;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.util.backoff.BackOff;
import org.apache.camel.util.backoff.BackOffTimerTask;
import org.wsusremediator.host.ActingVisit;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.host.RestartRecord;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.winrm.HostTarget;

/**
 * One host's restart while it lasts: the body of the restart route (routes/restart-host.camel.yaml), from the request
 * through the checks of the boot time to the end of the wait. Each check is a visit of its own, so no shell stays open
 * while the host is away. The waits between checks grow by Camel's {@link BackOff} (as Ansible's win_reboot retries
 * with a growing delay), and the whole wait is bounded by the restart timeout and the window's end.
 */
public final class HostRestart implements HostTarget, ActingVisit {

    /** The first check waits for the restart's own delay; then 2 s, growing by half each time, at most 30 s apart. */
    static final BackOff BACK_OFF = BackOff.builder().delay(Duration.ofSeconds(2)).multiplier(1.5)
            .maxDelay(Duration.ofSeconds(30)).build();
    /** However short the waits, a wait never makes more checks than this. */
    static final int MAX_CHECKS = 2_000;

    private final HostReport report;
    private final RemediationSettings settings;
    private final ChangeGuard guard;
    private final String runLabel;
    private final BackOffTimerTask backOff = new BackOffTimerTask(null, BACK_OFF, null, t -> false);
    private Instant requestedAt;
    private String command;
    private Instant bootBefore;
    private Instant bootAfter;
    private Instant downAt;
    private Instant upAt;
    private Instant waitUntil;
    private String waitLimit;
    private int checks;
    private boolean timedOut;
    private boolean firstPause = true;
    private String note;
    private RemediationResult notRestarted;

    HostRestart(HostReport report, RemediationSettings settings, ChangeGuard guard, String runLabel) {
        this.report = report;
        this.settings = settings;
        this.guard = guard == null ? ChangeGuard.NONE : guard;
        this.runLabel = runLabel;
    }

    @Override
    public HostEntry host() {
        return report.host();
    }

    @Override
    public HostReport report() {
        return report;
    }

    RemediationSettings settings() {
        return settings;
    }

    ChangeGuard guard() {
        return guard;
    }

    String runLabel() {
        return runLabel;
    }

    /** The restart was requested: the wait runs until the restart timeout, or the window's end if that comes first. */
    void requested(Instant at, String sent, Instant before, String why) {
        requestedAt = at;
        command = sent;
        bootBefore = before;
        note = why;
        waitUntil = at.plus(settings.restartTimeout());
        waitLimit = "the restart timeout of " + settings.restartTimeout().toSeconds() + " s (remediation.restartTimeout)";
        Instant deadline = guard.deadline();
        if (deadline != null && deadline.isBefore(waitUntil)) {
            waitUntil = deadline;
            waitLimit = "the end of the change window at " + deadline;
        }
    }

    /** No restart was sent; the host's result is this one. */
    void notRestarted(RemediationResult result) {
        notRestarted = result;
    }

    /** Whether the route is still waiting for the host: requested, not back with a new boot time, not out of time. */
    public boolean isWaiting() {
        return requestedAt != null && bootAfter == null && !timedOut;
    }

    /** Whether the host answered with a new boot time. */
    public boolean isBack() {
        return bootAfter != null;
    }

    /** How long to wait before the next check: the restart's delay first, then the back-off's; zero when time is up. */
    Duration nextPause(Instant now) {
        long millis = firstPause ? settings.restartDelay().toMillis() : backOff.next();
        firstPause = false;
        if (millis == BackOff.NEVER) {
            millis = BACK_OFF.getMaxDelay().toMillis();
        }
        return Duration.ofMillis(Math.max(0, Math.min(millis, Duration.between(now, waitUntil).toMillis())));
    }

    /** Ends the wait when its time is up (or its checks are): the host did not come back in time. */
    void checkTime(Instant now) {
        if (isWaiting() && (!now.isBefore(waitUntil) || checks >= MAX_CHECKS)) {
            timedOut = true;
        }
    }

    /** A check reached the host and read its boot time. */
    void answered(Instant now, Instant boot) {
        checks++;
        if (boot != null && !boot.equals(bootBefore)) {
            bootAfter = boot;
            upAt = now;
        }
    }

    /** A check did not reach the host (down, booting, or WinRM not started yet). */
    void notAnswering(Instant now, String why) {
        checks++;
        if (downAt == null) {
            downAt = now;
        }
        lastError = why;
    }

    private String lastError;

    /** What the restart did, for the reports. */
    public RestartRecord record() {
        String last = timedOut && lastError != null ? "last check: " + lastError : null;
        String all = note == null ? last : last == null ? note : note + "; " + last;
        return new RestartRecord(requestedAt, command, bootBefore, bootAfter, downAt, upAt, checks, timedOut, all);
    }

    RemediationResult notRestarted() {
        return notRestarted;
    }

    String waitLimit() {
        return waitLimit;
    }
}
