package org.wsusremediator.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.FleetStatistics;

/**
 * The benchmark's simulator, in a JVM of its own (started by {@link SimulatorProcess} from the same class path), so
 * that its CPU, heap, GC and JIT are not the scan's. It speaks a line protocol with its parent:
 * <ul>
 *   <li>stdout {@code ready <hosts>} once every host listens (or {@code failed <reason>} and exit 1);</li>
 *   <li>stdin {@code stats}: stdout {@code stats <HTTP requests> <WS-Man requests>} served so far, where WS-Man
 *       requests are those that reached a WS-Man action (not NTLM challenges or refusals);</li>
 *   <li>stdin {@code stop}, or the end of stdin: the fleet stops and the JVM exits. The end of stdin is also what
 *       a parent that was killed outright leaves behind, so the child never outlives it.</li>
 * </ul>
 * Arguments: hosts, latency in ms, first address, port, auth ({@code NTLM} or {@code BASIC}). The account's password
 * comes from {@link BenchFleet#PASSWORD_VARIABLE} in the environment.
 */
public final class SimulatorChild {

    private SimulatorChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BenchFleet fleet;
        try {
            fleet = new BenchFleet(Integer.parseInt(args[0]), Long.parseLong(args[1]), args[2], Integer.parseInt(args[3]),
                    ScanBenchmark.Auth.valueOf(args[4].toUpperCase(Locale.ROOT)));
        } catch (RuntimeException bad) {
            out.println("failed arguments: hosts latencyMs firstAddress port NTLM|BASIC");
            System.exit(1);
            return;
        }
        FleetSimulator simulator;
        try {
            simulator = FleetSimulator.start(fleet.fleet(), System.getenv());
        } catch (RuntimeException cannotStart) {
            out.println("failed " + oneLine(String.valueOf(cannotStart.getMessage())));
            System.exit(1);
            return;
        }
        try (simulator) {
            out.println("ready " + simulator.hosts().size());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("stats")) {
                    FleetStatistics s = simulator.statistics();
                    long wsman = s.requestsPerAction().entrySet().stream()
                            .filter(e -> !e.getKey().startsWith("("))
                            .mapToLong(java.util.Map.Entry::getValue).sum();
                    out.println("stats " + s.totalRequests() + " " + wsman);
                } else {
                    out.println("unknown " + oneLine(line));
                }
            }
        }
        System.exit(0);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
