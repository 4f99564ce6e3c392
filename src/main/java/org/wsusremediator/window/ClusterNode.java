package org.wsusremediator.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.wsusremediator.store.SchedulerCheckin;
import org.wsusremediator.store.NodeIdentity;
import org.wsusremediator.store.Store;

/**
 * A scheduler node of the cluster as Quartz's own {@code QRTZ_SCHEDULER_STATE} has it: its instance id, the host and
 * process that id names ({@link NodeIdentity}; null for an id not of that form), and its last check-in. What {@code
 * status} and {@code GET /api/v1/nodes} show.
 */
public record ClusterNode(String instanceId, String host, Long pid, Instant startedAt, Instant lastCheckin,
                          Duration checkinInterval) {

    /** What Quartz's cluster manager adds to a node's interval before it counts the node as failed. */
    static final Duration QUARTZ_GRACE = Duration.ofMillis(7500);

    /** The nodes that have checked in, by instance id; empty on a single node (it writes no check-ins). */
    public static List<ClusterNode> of(Store store) {
        return store.schedulerCheckins().stream().map(row -> of(row)).toList();
    }

    static ClusterNode of(SchedulerCheckin row) {
        NodeIdentity id = NodeIdentity.parse(row.instanceId()).orElse(null);
        return new ClusterNode(row.instanceId(), id == null ? null : id.host(), id == null ? null : id.pid(),
                id == null ? null : id.startedAt(), row.lastCheckin(), row.checkinInterval());
    }

    /**
     * Whether the node checked in recently enough that Quartz still counts it live: within its interval plus Quartz's
     * grace. A node past that is recovered by the next live node's check-in (its row then disappears).
     */
    public boolean live(Instant now) {
        return !now.isAfter(lastCheckin.plus(checkinInterval).plus(QUARTZ_GRACE));
    }

    /** Whether this is the process asking. */
    public boolean thisProcess() {
        return instanceId.equals(NodeIdentity.current().instanceId());
    }
}
