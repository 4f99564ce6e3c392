package org.wsusremediator.remediate;

import org.wsusremediator.host.Outcome;

/** A step of the install that failed on the host (not on the wire): the result says which and why. */
final class InstallFailure extends RuntimeException {

    private final Outcome outcome;

    InstallFailure(Outcome outcome, String reason) {
        super(reason);
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }
}
