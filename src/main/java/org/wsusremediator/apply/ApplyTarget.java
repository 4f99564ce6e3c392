package org.wsusremediator.apply;

import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.plan.PlannedHost;

/**
 * A host a run is to start: its approved plan entry, how to reach it, its wave, and the state an earlier run
 * left it in (null if none). ACTING means an earlier run may have changed it: the host is asked (the installer's
 * task) whether the change started, and it is started again only if it did not. ACTED: it ran; only verified.
 */
public record ApplyTarget(PlannedHost planned, HostEntry entry, int wave, HostState previous) {

    public String host() {
        return planned.host();
    }

    public boolean interrupted() {
        return previous == HostState.ACTING || previous == HostState.ACTED;
    }
}
