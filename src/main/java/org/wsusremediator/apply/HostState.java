package org.wsusremediator.apply;

/**
 * Where a planned host stands in the runs of its plan. The store keeps every change; the latest one wins.
 * IN_FLIGHT is written before a host is contacted, ACTING just before its first change (installer or recipe
 * step), and a final state after the visit. A restarted run decides what to do with a host from its last state.
 */
public enum HostState {
    /** Needs approval and has none (yet), or was rejected: never contacted. */
    NOT_APPROVED(true, false),
    /** Nothing to do for this host in the plan (compliant, not affected, unreadable): never contacted. */
    NO_ACTION(true, false),
    /** Contacted: re-probing, drift check, staging. Nothing has changed on the host yet. */
    IN_FLIGHT(false, false),
    /** The installer or the recipe's first step is about to start: from here on the host may have changed. */
    ACTING(false, false),
    /**
     * The installer's task ran (ended, or timed out) and is about to be removed from the host: a run that finds
     * the host here never starts the installer again, it only verifies.
     */
    ACTED(false, false),
    REMEDIATED(true, false),
    VERIFIED(true, false),
    REBOOT_REQUIRED(true, false),
    /** Restarted by the run (allowReboot) and not back in time: counts against the failure budget like any failure. */
    REBOOT_TIMEOUT(true, true),
    REBOOT_STARTED(true, true),
    FLAGGED(true, false),
    NO_CHANGE(true, false),
    FAILED(true, true),
    FAILED_VERIFICATION(true, true),
    UNKNOWN(true, true),
    NEEDS_REVIEW(true, true),
    /** The facts differ from the approved fingerprint: nothing was done; needs a new plan and approval. */
    DRIFTED(true, false),
    /** The window ended before the host was started: the next window (or apply) picks it up. */
    DEFERRED(false, false),
    /** The run stopped starting hosts (failure threshold, a wave below its success rate): needs a new plan. */
    ABORTED(true, false),
    /**
     * Only in the report of a run that lost its plan to a later run (its lease expired while it was stopped): this
     * run did not start the host, or stopped before its end; never journaled, the later run decides the host.
     */
    SUPERSEDED(false, false);

    private final boolean settled;
    private final boolean failure;

    HostState(boolean settled, boolean failure) {
        this.settled = settled;
        this.failure = failure;
    }

    /** No later run of the plan starts this host again. */
    public boolean settled() {
        return settled;
    }

    /** Counts against the run's failure budget. */
    public boolean failure() {
        return failure;
    }

    /** Counts towards a wave's success rate. */
    public boolean success() {
        return switch (this) {
            case REMEDIATED, VERIFIED, REBOOT_REQUIRED, FLAGGED, NO_CHANGE -> true;
            default -> false;
        };
    }
}
