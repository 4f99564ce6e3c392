package org.wsusremediator.apply;

import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.remediate.ChangeGuard;

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

    /** Whether the host may have changed in this run (the visit reached the installer or the recipe). */
    boolean changeStarted() {
        return changeStarted || target.interrupted();
    }
}
