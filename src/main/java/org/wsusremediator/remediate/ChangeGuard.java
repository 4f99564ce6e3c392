package org.wsusremediator.remediate;

import java.time.Instant;
import org.wsusremediator.probe.RemoteShell;

/**
 * What an approved run asks of an acting visit before it may change a host: the facts must still be the
 * approved ones (else the host has DRIFTED), a host an interrupted run may already have changed is only
 * verified, never changed again, and the change is recorded durably before it starts, so a crash can never
 * hide that it may have happened.
 */
public interface ChangeGuard {

    /**
     * The exchange property that holds the guard of the host an approved run acts on, per host; a run without one
     * (a lab run) acts under {@link #NONE}.
     */
    String PROPERTY = "changeGuard";

    /** A lab run (remediate --confirm): no approval to compare with, nothing to record. */
    ChangeGuard NONE = new ChangeGuard() {
        @Override
        public String approvedFingerprint() {
            return null;
        }

        @Override
        public boolean interrupted() {
            return false;
        }

        @Override
        public boolean earlierChangeEnded() {
            return false;
        }

        @Override
        public void aboutToChange(String change) {
            // nothing is journaled in a lab run
        }

        @Override
        public void changeEnded(String change) {
            // nothing is journaled in a lab run
        }
    };

    /**
     * The shell an acting visit sends its commands through: in an approved run, each command is sent only once the
     * run has proven that it still owns its plan (a run taken over while it was stopped sends nothing more).
     */
    default RemoteShell fenced(RemoteShell shell) {
        return shell;
    }

    /** The fingerprint of the facts the approval covers; null when there is none to check against. */
    String approvedFingerprint();

    /** An earlier run was interrupted after it had started to change this host (ACTING or ACTED). */
    boolean interrupted();

    /**
     * The interrupted run had also recorded that its change ran (the installer's task ended or timed out, ACTED):
     * it must never be started again, only verified.
     */
    boolean earlierChangeEnded();

    /** Records, durably, that {@code change} is about to start; throws when it cannot, and then nothing starts. */
    void aboutToChange(String change);

    /**
     * Why a restart may not start now (the run was aborted, the change window ended), or null when it may. A restart is
     * a change of its own: it starts only while the run would still start a host.
     */
    default String restartRefusal() {
        return null;
    }

    /** When the run's window ends (no wait of the run goes past it); null when the run has no window. */
    default Instant deadline() {
        return null;
    }

    /** How reports and the restart's comment name the run; null in a lab run. */
    default String runName() {
        return null;
    }

    /**
     * Proves that the run still owns its plan, or throws: called between the checks of a restart wait, when no command
     * is sent, so a run taken over stops waiting as it stops sending.
     */
    default void confirmOwnership() {
        // a lab run owns what it does
    }

    /**
     * Records, durably, that the host's restart is about to be requested, with the boot time it has now: a run that
     * finds this after a crash never installs again, and decides from the boot time whether the restart happened.
     * Throws when it cannot be recorded, and then no restart is sent.
     */
    default void aboutToRestart(String restart) {
        // nothing is journaled in a lab run
    }

    /**
     * The boot time an interrupted run recorded right before it requested the host's restart ({@link #aboutToRestart});
     * null when the interrupted run requested none (or there was no interrupted run).
     */
    default Instant earlierRestartFrom() {
        return null;
    }

    /**
     * Records, durably, that {@code change} ran (its trace on the host, the installer's task, is about to be
     * removed); throws when it cannot, and then the trace is kept.
     */
    void changeEnded(String change);
}
