package org.wsusremediator.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.HostFault;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * Local mode (no {@code --server}) is for the simulated lab fleet only (issue 12): whoever runs the CLI holds the
 * server key, the store and the fleet's credentials, so nothing it checks can stand between them and a real fleet;
 * the server is where admins cannot forge consent. What counts as simulated is decided from what this process knows,
 * never from a flag or a field of a file the caller writes (an inventory saying {@code lab: true} proves nothing):
 * <ul>
 * <li>{@code plan} and {@code apply}: every host they visit is at an address and port that a fleet simulator
 * running in <b>this process</b> has bound (the inventory's {@code simulator:} fleet, started by the command itself;
 * {@link FleetSimulator#runningInThisProcess}). Nothing else can answer at an address this process has bound, so a
 * tunnel or a real machine cannot stand in; {@code apply} also requires each host it acts on to be listened for.</li>
 * <li>{@code approve} and {@code reject} start no fleet: they require each host of the plan that needs approval to
 * have been planned at a loopback address (127.0.0.0/8, ::1), which is where simulated hosts live. This is a
 * consistency check only (something else may listen on loopback); {@code apply}, the step that acts, is the gate.</li>
 * </ul>
 * {@code scan} is read-only and stays open to any inventory. Refusals are bad input (exit 2), naming the hosts and
 * pointing to {@code --server} (docs/server.md).
 */
final class LabOnly {

    /** Where a simulated host is listened for; {@code listening} false for a host that refuses connections. */
    record SimulatedEndpoint(String address, int port, Transport transport, boolean listening) {
    }

    /**
     * The simulated endpoints of this process: those of the fleets it runs. Only Java code in this package can replace
     * it (CrashRecoveryIT, whose run is a JVM of its own beside the test's fleet, which it kills); no argument,
     * file, property or environment variable reaches it.
     */
    static Supplier<List<SimulatedEndpoint>> simulated = LabOnly::runningInThisProcess;

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private LabOnly() {
    }

    static List<SimulatedEndpoint> runningInThisProcess() {
        List<SimulatedEndpoint> endpoints = new ArrayList<>();
        for (FleetSimulator fleet : FleetSimulator.runningInThisProcess()) {
            for (SimulatedHost h : fleet.hosts()) {
                boolean listening = !h.hasFault(HostFault.REFUSE_CONNECTION);
                if (h.hasHttpListener()) {
                    endpoints.add(new SimulatedEndpoint(h.address(), h.port(), Transport.HTTP, listening));
                }
                if (h.https() != null) {
                    endpoints.add(new SimulatedEndpoint(h.address(), h.https().port(), Transport.HTTPS, listening));
                }
            }
        }
        return endpoints;
    }

    /**
     * Refuses (bad input) unless every one of {@code hosts} is served by a fleet simulator of this process; with
     * {@code listening}, one that listens there (not a host refusing connections, where something else could bind).
     */
    static void requireSimulated(String command, Collection<HostEntry> hosts, boolean listening) {
        List<SimulatedEndpoint> endpoints = simulated.get();
        List<String> problems = new ArrayList<>();
        for (HostEntry host : hosts) {
            SimulatedEndpoint served = endpoints.stream()
                    .filter(e -> e.address().equalsIgnoreCase(host.address()) && e.port() == host.port()
                            && e.transport() == host.transport())
                    .findFirst().orElse(null);
            if (served == null) {
                problems.add(host.name() + " (" + host.address() + ":" + host.port() + ") is not a host of a simulated"
                        + " fleet this process runs");
            } else if (listening && !served.listening()) {
                problems.add(host.name() + " (" + host.address() + ":" + host.port() + ") is declared by the simulated"
                        + " fleet but nothing of it listens there");
            }
        }
        refuseIf(command, problems);
    }

    /** Refuses (bad input) unless every host of {@code plan} that needs approval was planned at a loopback address. */
    static void requireLoopback(String command, Plan plan) {
        List<String> problems = new ArrayList<>();
        for (PlannedHost h : plan.hosts()) {
            if (!h.needsApproval()) {
                continue;
            }
            if (h.settings() == null) {
                problems.add(h.host() + " has no recorded endpoint (a plan made before settings were recorded)");
            } else if (!loopback(h.settings().address())) {
                problems.add(h.host() + " was planned at " + h.settings().address() + ", not a simulated host on loopback");
            }
        }
        refuseIf(command, problems);
    }

    /** An IP literal on loopback; a name is not resolved (what it resolves to is not this process's to know). */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (LOOPBACK_V4.matcher(a).matches()) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return a.equals("::1") || a.equalsIgnoreCase("0:0:0:0:0:0:0:1");
    }

    private static void refuseIf(String command, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        int shown = Math.min(problems.size(), 10);
        throw new BadInput(command + " without --server works on the simulated lab fleet only, and "
                + (problems.size() == 1 ? "this host is" : problems.size() + " hosts are") + " not simulated:\n  "
                + String.join("\n  ", problems.subList(0, shown))
                + (problems.size() > shown ? "\n  … and " + (problems.size() - shown) + " more" : "")
                + "\nReal fleets are planned, approved and run through the remediator server: give --server URL"
                + " (docs/server.md). Nothing was done.");
    }
}
