package org.wsusremediator.window;

import java.time.Duration;

/**
 * Whether the change-window scheduler runs as one node of a cluster (server.yaml {@code cluster}, docs/cluster.md):
 * Quartz's clustered JDBC job store on a database several {@code serve} processes share, each window firing on one
 * of them. Off, the scheduler is the single node it always was.
 *
 * @param checkinInterval how often this node checks in with the others (Quartz's {@code clusterCheckinInterval}); a
 *                        node that misses its check-in by more than this plus Quartz's 7.5 s grace counts as failed
 * @param runLease        the lease of the runs this node starts ({@code cluster.runLeaseSeconds}): how long after a run's
 *                        last heartbeat another node may take it over. Null when not configured: the process's default
 *                        (30 s, or the system property remediator.runLeaseSeconds)
 */
public record Clustering(boolean enabled, Duration checkinInterval, Duration runLease) {

    /** Quartz's own default is 7.5 s; 7 s reads better in a configuration file and detects a failure as fast. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofSeconds(7);
    /**
     * The shortest lease a server accepts: a run renews it every third of it, so 3 s is one heartbeat a second; shorter,
     * a live node's run could be taken over during an ordinary database pause.
     */
    public static final Duration SHORTEST_LEASE = Duration.ofSeconds(3);
    /** The single node: no check-ins, no cluster. */
    public static final Clustering OFF = new Clustering(false, DEFAULT_CHECKIN);

    public Clustering {
        java.util.Objects.requireNonNull(checkinInterval, "checkinInterval");
    }

    /** Without a configured lease. */
    public Clustering(boolean enabled, Duration checkinInterval) {
        this(enabled, checkinInterval, null);
    }

    public static Clustering on(Duration checkinInterval) {
        return new Clustering(true, checkinInterval);
    }

    /** The same, with the runs' lease configured. */
    public Clustering withRunLease(Duration lease) {
        return new Clustering(enabled, checkinInterval, lease);
    }
}
