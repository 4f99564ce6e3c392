package org.wsusremediator.store;

/**
 * The plan's host states changed between the moment a new run read them and the moment it claimed the plan (a run
 * thought dead wrote in between): the new run must decide again from the states as they are now.
 */
public final class StaleRunViewException extends StoreException {

    public StaleRunViewException(String planId) {
        super("the host states of plan " + planId + " changed while the run was being prepared");
    }
}
