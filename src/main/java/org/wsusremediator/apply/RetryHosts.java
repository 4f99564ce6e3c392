package org.wsusremediator.apply;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wsusremediator.store.HostStateRecord;

/**
 * The hosts a retry of a run starts again, and what the retry must assume about each, from the plan's journal.
 *
 * <p>A host is retried when its latest state in the plan is one the run itself ended it in, and that state counts
 * as a failure ({@link HostState#failure()}: FAILED, FAILED_VERIFICATION, UNKNOWN, NEEDS_REVIEW, REBOOT_STARTED). Not
 * retried: hosts that run left REMEDIATED, VERIFIED, NO_CHANGE …, refused (NOT_APPROVED), DRIFTED (they need a new
 * plan), ABORTED, DEFERRED, and every host a later run of the plan has journaled since (that run decides it; retry
 * that run instead).
 *
 * <p>KB954960 cannot be uninstalled, so the installer is never started twice: a retried host that some run of the
 * plan journaled ACTING (a change may have started) or ACTED (the installer's task ran) is retried as crash recovery
 * treats an interrupted run's host: ACTED is only verified, ACTING asks the host (the installer's task) whether the
 * change started and installs only if it did not, and a host that cannot tell stays UNKNOWN. Only a host that never
 * reached ACTING starts afresh (re-probe, drift check against the approved facts, install).
 */
public final class RetryHosts {

    private RetryHosts() {
    }

    /**
     * The hosts of the plan that {@code runId} left failed, each with the state the retry starts it from: null (never
     * changed), ACTING or ACTED. Empty when there are none.
     *
     * @param journal every host state of the run's plan, in the order written ({@code Store.hostStates})
     */
    public static Map<String, HostState> of(String runId, List<HostStateRecord> journal) {
        Map<String, HostStateRecord> latest = new LinkedHashMap<>();
        Map<String, HostState> changed = new HashMap<>();
        for (HostStateRecord r : journal) {
            latest.put(r.host(), r);
            HostState state = state(r);
            if (state == HostState.ACTED || state == HostState.ACTING && changed.get(r.host()) != HostState.ACTED) {
                changed.put(r.host(), state);
            }
        }
        Map<String, HostState> retried = new LinkedHashMap<>();
        latest.forEach((host, r) -> {
            HostState state = state(r);
            if (runId.equals(r.runId()) && state != null && state.failure()) {
                retried.put(host, changed.get(host));
            }
        });
        return retried;
    }

    /** The states that count as failed, for messages. */
    public static Set<HostState> failedStates() {
        return java.util.EnumSet.copyOf(java.util.Arrays.stream(HostState.values()).filter(HostState::failure).toList());
    }

    private static HostState state(HostStateRecord r) {
        try {
            return HostState.valueOf(r.state());
        } catch (IllegalArgumentException unknown) {
            return null; // a state this version does not know is not retried
        }
    }
}
