package org.wsusremediator.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * A small simulated fleet of healthy WSUS 3.0 SP1 hosts on a free port of its own loopback subnet, and the
 * inventory files that reach it, optionally with extra hosts that point elsewhere (hostile test servers).
 */
final class ScanLab implements AutoCloseable {

    static final String USER = "LAB\\wsus-admin";
    static final String PASSWORD = "scan-lab-Secret-7";
    static final Map<String, String> ENVIRONMENT = Map.of("WSUS_LAB_PASSWORD", PASSWORD);

    private final FleetSimulator simulator;
    private final String subnet;
    private final int port;
    private final int hosts;

    private ScanLab(FleetSimulator simulator, String subnet, int port, int hosts) {
        this.simulator = simulator;
        this.subnet = subnet;
        this.port = port;
        this.hosts = hosts;
    }

    /** {@code hosts} healthy hosts named good0, good1... on {@code subnet}.10 onwards. */
    static ScanLab start(String subnet, int hosts) throws IOException {
        return start(subnet, hosts, 1);
    }

    /** As {@link #start(String, int)}, every request answered after {@code latencyMs}. */
    static ScanLab start(String subnet, int hosts, long latencyMs) throws IOException {
        int port = freePort(subnet + ".10");
        FleetFile fleet = FleetFile.builder().port(port).latencyMs(latencyMs).account(USER, "WSUS_LAB_PASSWORD")
                .generateHosts(hosts, subnet + ".10", "good", b -> b).build();
        return new ScanLab(FleetSimulator.start(fleet, ENVIRONMENT), subnet, port, hosts);
    }

    FleetSimulator simulator() {
        return simulator;
    }

    /**
     * Writes an inventory of the lab's hosts after {@code extraHosts} (YAML flow mappings, e.g.
     * {@code { name: x, address: 127.0.0.1, port: 1234 }}) and reads it back.
     */
    Inventory inventory(Path dir, String timeouts, List<String> extraHosts) throws IOException {
        List<String> lines = new ArrayList<>(extraHosts);
        for (int i = 0; i < hosts; i++) {
            lines.add("{ name: good" + i + ", address: " + subnet + "." + (10 + i) + " }");
        }
        StringBuilder yaml = new StringBuilder("""
                credentials:
                  lab-admin: { username: 'LAB\\wsus-admin', password: env:WSUS_LAB_PASSWORD }
                defaults:
                  credential: lab-admin
                  port: %d
                  auth: ntlm                 # stock Windows: NTLM with message encryption over http
                  timeouts: %s
                groups:
                  lab:
                    hosts:
                """.formatted(port, timeouts));
        lines.forEach(l -> yaml.append("      - ").append(l).append('\n'));
        Files.createDirectories(dir);
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, yaml);
        return InventoryReader.read(file);
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
