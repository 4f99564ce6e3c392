package org.wsusremediator.window;

import java.time.Duration;

/**
 * Whether the change-window scheduler runs as one node of a cluster (server.yaml {@code cluster}, docs/cluster.md):
 * Quartz's clustered JDBC job store on a database several {@code serve} processes share, each window firing on one
 * of them. Off, the scheduler is the single node it always was.
 *
 * @param checkinInterval how often this node checks in with the others (Quartz's {@code clusterCheckinInterval}); a
 *                        node that misses its check-in by more than this plus Quartz's 7.5 s grace counts as failed
 */
public record Clustering(boolean enabled, Duration checkinInterval) {

    /** Quartz's own default is 7.5 s; 7 s reads better in a configuration file and detects a failure as fast. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofSeconds(7);
    /** The single node: no check-ins, no cluster. */
    public static final Clustering OFF = new Clustering(false, DEFAULT_CHECKIN);

    public Clustering {
        java.util.Objects.requireNonNull(checkinInterval, "checkinInterval");
    }

    public static Clustering on(Duration checkinInterval) {
        return new Clustering(true, checkinInterval);
    }
}
