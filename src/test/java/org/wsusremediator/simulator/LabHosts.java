package org.wsusremediator.simulator;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The lab fleet's hosts as live state, without a server, for interpreter tests. */
final class LabHosts {

    static final FleetFile FLEET = FleetFile.load(Path.of("inventory/lab-fleet.yaml"));
    static final String USER = "LAB\\wsus-admin";

    private LabHosts() {
    }

    /** The lab fleet on a port that is free right now, so tests never collide with a running lab simulator. */
    static FleetFile fleetOnFreePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.54.0.11"))) {
            return FLEET.withDefaultPort(probe.getLocalPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static SimulatedHost host(String name) {
        return new SimulatedHost(FLEET.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(),
                FLEET.defaults(), FLEET.packages());
    }

    static ShellContext shell(SimulatedHost host) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(new ShellSession("X", USER, host.environment(), Map.of()).environment());
        return new ShellContext(host, USER, env, CommandRegistry.standard());
    }

    static ExecutionResult run(String hostName, String commandLine) {
        SimulatedHost host = host(hostName);
        return CmdInterpreter.run(shell(host), commandLine, "");
    }
}
