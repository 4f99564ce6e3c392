package org.wsusremediator.store;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a scheduler node is, written into Quartz's own instance id ({@code QRTZ_SCHEDULER_STATE.INSTANCE_NAME}) so that
 * the table Quartz's cluster manager keeps anyway says which machine and process each node is:
 * {@code <host>:<pid>:<JVM start, epoch ms>}. The start time keeps two lives of one pid apart.
 *
 * <p>The same id names the node that runs a run ({@code runs.node}, migration V13): which process a run belongs to, on a
 * single node too. For people to read and for the audit of a takeover: nothing is decided from a node's name (a run's
 * ownership is its fenced row in the run journal). It lives in the store because the run journal records it.
 * The host name is cut to {@value #HOST_CHARS} characters of {@code [A-Za-z0-9._-]}: Quartz makes each fired-trigger
 * record's id from the instance id and a 13-digit counter, in a column of 95 characters.
 */
public record NodeIdentity(String host, long pid, Instant startedAt) {

    static final int HOST_CHARS = 48;
    private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9._-]{1," + HOST_CHARS + "}):(\\d{1,10}):(\\d{1,13})");
    private static final NodeIdentity CURRENT = new NodeIdentity(localHost(), ProcessHandle.current().pid(),
            Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));

    /** This process. */
    public static NodeIdentity current() {
        return CURRENT;
    }

    /** The instance id Quartz records for this node. */
    public String instanceId() {
        return host + ":" + pid + ":" + startedAt.toEpochMilli();
    }

    /** The identity in an instance id of ours; empty for any other (a single node's fixed id, a foreign scheduler). */
    public static Optional<NodeIdentity> parse(String instanceId) {
        Matcher m = instanceId == null ? null : FORMAT.matcher(instanceId);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NodeIdentity(m.group(1), Long.parseLong(m.group(2)),
                Instant.ofEpochMilli(Long.parseLong(m.group(3)))));
    }

    private static String localHost() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException unresolvable) {
            name = "unknown-host";
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "unknown-host" : safe.substring(0, Math.min(HOST_CHARS, safe.length()));
    }
}
