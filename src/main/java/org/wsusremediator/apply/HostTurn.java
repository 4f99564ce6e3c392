package org.wsusremediator.apply;

/**
 * One host's turn in a run, on the host's exchange as property {@value #PROPERTY}: which host it is, and once it
 * is admitted (window open, run not aborted, a slot in its group, IN_FLIGHT journaled) the guard its change runs
 * under. The settle and error steps read it to journal the host, whatever path its visit ended on.
 */
public final class HostTurn {

    public static final String PROPERTY = "hostTurn";

    private final ApplyTarget target;
    private volatile HostGuard guard;

    HostTurn(ApplyTarget target) {
        this.target = target;
    }

    ApplyTarget target() {
        return target;
    }

    /** Whether the host started: only an admitted host is visited (routes/apply-plan.camel.yaml). */
    public boolean admitted() {
        return guard != null;
    }

    void admit(HostGuard guard) {
        this.guard = guard;
    }

    /** The guard of an admitted host's change; null when it was not admitted. */
    HostGuard guard() {
        return guard;
    }
}
