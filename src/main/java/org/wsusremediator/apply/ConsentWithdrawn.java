package org.wsusremediator.apply;

/**
 * Thrown right before a change when the consent the run started with no longer holds for the host (a rejection
 * recorded meanwhile, the plan expired, a decision that no longer verifies): the change does not start, and the
 * host ends NOT_APPROVED with this message.
 */
final class ConsentWithdrawn extends RuntimeException {

    ConsentWithdrawn(String message) {
        super(message);
    }
}
