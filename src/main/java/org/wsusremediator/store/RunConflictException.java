package org.wsusremediator.store;

/** Another live process is running the plan: starting a second run could act on a host twice. */
public final class RunConflictException extends RuntimeException {

    public RunConflictException(String message) {
        super(message);
    }
}
