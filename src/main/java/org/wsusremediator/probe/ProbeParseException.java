package org.wsusremediator.probe;

/** A probe's output is not what docs/probe-protocol.md says: truncated, foreign, or with an invalid value. */
public final class ProbeParseException extends Exception {

    public ProbeParseException(String reason) {
        super(reason);
    }
}
