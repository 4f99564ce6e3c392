package org.wsusremediator.store;

/**
 * A run tried to write, or to act, after another run took its plan over (its lease had expired: the process was
 * stopped or cut off for longer than the lease). Nothing was written; the run must act on nothing more.
 */
public final class LeaseLostException extends StoreException {

    private final String runId;

    public LeaseLostException(String runId) {
        super("run " + runId + " no longer owns its plan: another run took it over after this run's lease expired");
        this.runId = runId;
    }

    /** Lost for another reason than a takeover of the plan (a node's claim on a host of a shared wave). */
    public LeaseLostException(String runId, String why) {
        super(why);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
