package org.wsusremediator.probe;

/**
 * The outcome of one probe: facts, or the failure that prevented them.
 *
 * @param facts    what the host told, null when the probe failed
 * @param failure  why there are no facts, null when the probe succeeded
 * @param commands how many commands ran in the host's shell (1 with PowerShell, 2 or 3 with the cmd fallback)
 */
public record ProbeResult(Facts facts, ProbeFailure failure, int commands) {

    public ProbeResult {
        if ((facts == null) == (failure == null)) {
            throw new IllegalArgumentException("a probe result has either facts or a failure");
        }
    }

    public static ProbeResult ok(Facts facts, int commands) {
        return new ProbeResult(facts, null, commands);
    }

    public static ProbeResult failed(ProbeFailure.Kind kind, String reason, int commands) {
        return new ProbeResult(null, new ProbeFailure(kind, reason), commands);
    }

    public boolean succeeded() {
        return facts != null;
    }
}
