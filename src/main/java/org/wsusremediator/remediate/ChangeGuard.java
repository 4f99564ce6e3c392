package org.wsusremediator.remediate;

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
     * Records, durably, that {@code change} ran (its trace on the host, the installer's task, is about to be
     * removed); throws when it cannot, and then the trace is kept.
     */
    void changeEnded(String change);
}
