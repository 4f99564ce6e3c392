package org.wsusremediator.cli;

/** The rules refuse what was asked (remediate --confirm outside the built-in simulated fleet, …): exit 5. */
final class Refused extends RuntimeException {

    Refused(String message) {
        super(message);
    }
}
