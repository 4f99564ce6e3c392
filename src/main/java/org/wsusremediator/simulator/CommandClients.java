package org.wsusremediator.simulator;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which client ran what on a host: per client, how many command lines it ran and how many installer runs it started.
 * A client is a label of the TCP connection the command came on ({@link FleetSimulator.Builder#clientLabels}; by default
 * the peer's address and port), so a test with several client processes can tell them apart, e.g. that no host was
 * acted on by two nodes of a cluster, or that a node resumed after its run was taken over ran nothing more.
 *
 * <p>The label is computed once per connection, at its first request (the client's logon), while the client surely
 * holds it open, and is known on the request's thread while a request is handled ({@link #serving}).
 */
public final class CommandClients {

    /** The label of a command no request carried (a task started by the host's own clock). */
    public static final String HOST_ITSELF = "host itself";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> installerRuns = new ConcurrentHashMap<>();

    /** Command lines run, by client. */
    public Map<String, Long> commands() {
        return snapshot(commands);
    }

    /** Installer runs started, by client. */
    public Map<String, Long> installerRuns() {
        return snapshot(installerRuns);
    }

    void commandRun() {
        commands.computeIfAbsent(current(), c -> new LongAdder()).increment();
    }

    void installerRun() {
        installerRuns.computeIfAbsent(current(), c -> new LongAdder()).increment();
    }

    /** Runs {@code handling} with the request's client ({@code label}) known on this thread. */
    static <T> T serving(String label, java.util.function.Supplier<T> handling) {
        String previous = CURRENT.get();
        CURRENT.set(label);
        try {
            return handling.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The default label: the peer's address and port. */
    static String peer(InetSocketAddress peer, InetSocketAddress local) {
        return peer == null ? "unknown peer" : peer.getAddress().getHostAddress() + ":" + peer.getPort();
    }

    private static String current() {
        String label = CURRENT.get();
        return label == null ? HOST_ITSELF : label;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((client, n) -> out.put(client, n.sum()));
        return out;
    }
}
