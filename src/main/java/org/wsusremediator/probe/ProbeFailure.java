package org.wsusremediator.probe;

import java.util.Objects;

/** Why a probe produced no facts. The host answered, so this is never UNREACHABLE: a person must look. */
public record ProbeFailure(Kind kind, String reason) {

    public enum Kind {
        /** The probe's command exited non-zero: the reason has the exit code and stderr's first line. */
        COMMAND_FAILED,
        /** The host's answers could not be turned into facts: malformed output, or host data unfit for the next command. */
        UNPARSEABLE
    }

    public ProbeFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
