package org.wsusremediator.apply;

import java.time.Instant;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.remediate.ChangeGuard;
import org.wsusremediator.remediate.RestartNote;
import org.wsusremediator.store.HostStateRecord;

/**
 * The {@link ChangeGuard} of one host in an approved run: its fingerprint, ACTING journaled before a change and
 * ACTED once the change ran, before its trace on the host (the installer's task) is removed.
 */
final class HostGuard implements ChangeGuard {

    private final ApplyRun run;
    private final ApplyTarget target;
    private volatile boolean changeStarted;

    HostGuard(ApplyRun run, ApplyTarget target) {
        this.run = run;
        this.target = target;
    }

    @Override
    public RemoteShell fenced(RemoteShell shell) {
        return command -> {
            run.confirmOwnership();
            return shell.run(command);
        };
    }

    @Override
    public String approvedFingerprint() {
        return target.planned().fingerprint();
    }

    @Override
    public boolean interrupted() {
        return target.interrupted();
    }

    @Override
    public boolean earlierChangeEnded() {
        return target.previous() == HostState.ACTED;
    }

    @Override
    public void changeEnded(String change) {
        run.record(target, HostState.ACTED, change);
    }

    @Override
    public void aboutToChange(String change) {
        // The consent is checked again at the last moment; then ACTING, which throws if it cannot be written: either
        // way the change does not start.
        run.checkConsent(target);
        run.record(target, HostState.ACTING, change);
        changeStarted = true;
    }

    @Override
    public String restartRefusal() {
        String aborted = run.abortReason();
        if (aborted != null) {
            return "the run was aborted (" + aborted + ")";
        }
        Instant deadline = run.request().deadline();
        if (deadline != null && !Instant.now().isBefore(deadline)) {
            return "the change window ended at " + deadline;
        }
        try {
            run.checkConsent(target); // a rejection recorded since the install stops the restart too
        } catch (ConsentWithdrawn withdrawn) {
            return withdrawn.getMessage();
        }
        return null;
    }

    @Override
    public Instant deadline() {
        return run.request().deadline();
    }

    @Override
    public String runName() {
        return run.runId();
    }

    @Override
    public void confirmOwnership() {
        run.confirmOwnership();
    }

    /** Journaled ACTED: the install ran; the note carries the boot time that a recovering run compares with. */
    @Override
    public void aboutToRestart(String restart) {
        run.checkConsent(target);
        run.record(target, HostState.ACTED, restart);
        changeStarted = true;
    }

    /**
     * The latest restart note since a run last started the host afresh (IN_FLIGHT): what an interrupted run, or the run
     * whose REBOOT_TIMEOUT a retry takes up, had asked of the host.
     */
    @Override
    public Instant earlierRestartFrom() {
        if (!target.interrupted()) {
            return null;
        }
        Instant from = null;
        for (HostStateRecord r : run.journal()) {
            if (!r.host().equals(target.host())) {
                continue;
            }
            if (HostState.valueOf(r.state()) == HostState.IN_FLIGHT) {
                from = null; // a run that started the host afresh: an older note is not about this change
            } else if (RestartNote.bootBefore(r.detail()) != null) {
                from = RestartNote.bootBefore(r.detail());
            }
        }
        return from;
    }

    /** Whether the host may have changed in this run (the visit reached the installer or the recipe). */
    boolean changeStarted() {
        return changeStarted || target.interrupted();
    }
}
