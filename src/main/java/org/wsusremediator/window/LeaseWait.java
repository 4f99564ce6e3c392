package org.wsusremediator.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wsusremediator.store.RunJournal;
import org.wsusremediator.store.RunRecord;

/**
 * How long a recovered window firing waits before it starts a plan that a dead node's run still holds: until that run's
 * lease has expired, as the run journal counts it ({@link RunJournal#start}: the last heartbeat plus the lease the run
 * recorded, capped at {@link RunJournal#LONGEST_LEASE}). Quartz may count a node failed before its run's lease ends
 * (its check-in lapses after the check-in interval plus 7.5 s); starting then would only meet RunConflictException.
 */
final class LeaseWait {

    /** Past the lease's end, so the journal's own "expired" (strictly before now) holds when the claim is made. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private LeaseWait() {
    }

    /**
     * When the plan's runs still RUNNING under other nodes' leases may be taken over: the latest of their lease ends
     * plus {@link #MARGIN}; empty when no such lease is still running at {@code now}. A run of {@code thisNode} is not
     * waited for: it is this process's and alive, and starting the plan is refused at once.
     */
    static Optional<Instant> takeoverAt(List<RunRecord> runs, String thisNode, Instant now) {
        Instant latest = null;
        for (RunRecord r : runs) {
            if (!"RUNNING".equals(r.status()) || thisNode.equals(r.node()) || r.lease() == null) {
                continue;
            }
            Duration lease = r.lease().compareTo(RunJournal.LONGEST_LEASE) > 0 ? RunJournal.LONGEST_LEASE : r.lease();
            Instant end = r.heartbeatAt().plus(lease).plus(MARGIN);
            if (end.isAfter(now) && (latest == null || end.isAfter(latest))) {
                latest = end;
            }
        }
        return Optional.ofNullable(latest);
    }
}
