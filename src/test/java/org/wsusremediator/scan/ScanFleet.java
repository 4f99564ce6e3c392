package org.wsusremediator.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * A small simulated fleet for scan and remediation tests, written as files: the simulator's fleet file and a
 * production-like inventory that reaches it (NTLM with message encryption over http on loopback, as stock Windows wants it; short timeouts). Each host is
 * given as the lines of its fleet-file entry after name and address, so a test says exactly what the host is.
 */
public final class ScanFleet {

    public static final String PASSWORD = "scan-fleet-Secret-7";
    public static final String X64_SHA256 = "6f8c6f26379e01ca1962bc51d162fe375830d78a5f23d19177cea8803d8c7029";
    public static final String X86_SHA256 = "e5f5c264e6de7a550c2c8d0592d8e6f67c02fcdce927116ed6d3402634e4694f";
    /** A vulnerable WSUS 3.0 SP1 on Server 2008 x64 with PowerShell 2.0, as a fleet-file host body. */
    public static final String SP1_2008_X64 = """
                os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                architecture: x64
                powershell: "2.0"
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: LogFiles, signatures: 0 }
            """;

    private record Host(String name, String address, String fleetBody, String inventoryExtra) {
    }

    private final List<Host> hosts = new ArrayList<>();
    private String packages = """
                  - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe'
                    content: "Simulated WSUS 3.0 SP1 KB954960 package (x64) for the lab fleet - not a real installer"
                  - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe'
                    content: "Simulated WSUS 3.0 SP1 KB954960 package (x86) for the lab fleet - not a real installer"
                """;
    private String x64Source = "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe";

    /** Replaces the fleet's {@code packages} entries (fleet-file lines, each "  - source: ..." and its fields). */
    public ScanFleet packages(String fleetPackages) {
        this.packages = fleetPackages;
        return this;
    }

    /** The inventory's x64 package source (default the share's); its content must be the x64 package's. */
    public ScanFleet x64Source(String source) {
        this.x64Source = source;
        return this;
    }

    /** A host: {@code fleetBody} is its fleet-file entry after name and address, indented by four spaces. */
    public ScanFleet host(String name, String address, String fleetBody) {
        return host(name, address, fleetBody, "");
    }

    /** As {@link #host(String, String, String)}, with inventory settings such as {@code , rtmPolicy: workaround}. */
    public ScanFleet host(String name, String address, String fleetBody, String inventoryExtra) {
        hosts.add(new Host(name, address, fleetBody, inventoryExtra));
        return this;
    }

    /**
     * The fleet written into {@code dir}, its simulator started and a Remediator with {@code parallelism} beside it:
     * the set-up of every test that scans or remediates a fleet of its own. Closing stops both.
     */
    public Running start(Path dir, int parallelism) throws Exception {
        return start(dir, parallelism, Map.of());
    }

    /** As {@link #start(Path, int)}, with {@code beans} in the Remediator's registry (a meter registry, say). */
    public Running start(Path dir, int parallelism, Map<String, Object> beans) throws Exception {
        Inventory inventory = InventoryReader.read(write(dir.resolve("fleet")));
        FleetSimulator simulator = FleetSimulator.start(FleetFile.load(inventory.simulatorFleet()), environment());
        try {
            return new Running(inventory, simulator,
                    Remediator.start(new RunSettings(dir.resolve("reports"), parallelism, environment()), beans));
        } catch (Exception | Error e) {
            simulator.close();
            throw e;
        }
    }

    /** A started fleet: its inventory, simulator and Remediator. */
    public record Running(Inventory inventory, FleetSimulator simulator, Remediator remediator) implements AutoCloseable {

        public List<HostReport> scan() {
            return remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size())).report().hosts();
        }

        public List<HostReport> remediate() {
            return remediator.remediate(inventory, ScanProgress.silent(inventory.hosts().size())).report().hosts();
        }

        @Override
        public void close() throws Exception {
            try (simulator) {
                remediator.close();
            }
        }
    }

    public static Map<String, String> environment() {
        return Map.of("WSUS_LAB_PASSWORD", PASSWORD);
    }

    /** Writes fleet.yaml and inventory.yaml into {@code dir}; returns the inventory (which names the fleet). */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder fleet = new StringBuilder("""
                defaults:
                  port: 55985
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                packages:
                """ + packages.stripTrailing() + "\nhosts:\n");
        StringBuilder members = new StringBuilder();
        for (Host h : hosts) {
            fleet.append("  - name: ").append(h.name()).append('\n')
                    .append("    address: ").append(h.address()).append('\n')
                    .append(h.fleetBody().stripTrailing()).append('\n');
            members.append("      - { name: ").append(h.name()).append(", address: ").append(h.address())
                    .append(h.inventoryExtra()).append(" }\n");
        }
        Path recipe = Path.of("inventory/recipes/lab-rtm-workaround.yaml").toAbsolutePath();
        String inventory = """
                simulator: fleet.yaml
                credentials:
                  lab-admin:
                    username: LAB\\wsus-admin
                    password: env:WSUS_LAB_PASSWORD
                defaults:
                  credential: lab-admin
                  rtmPolicy: upgrade
                  port: 55985
                  auth: ntlm                 # stock Windows: NTLM with message encryption over http
                  timeouts: { connect: 2s, operation: 5s, receive: 3s }
                groups:
                  test:
                    hosts:
                %s
                remediation:
                  packages:
                    x86: { source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe', sha256: %s }
                    x64: { source: '%s', sha256: %s }
                  installTimeout: 8s
                  workaroundRecipe: { file: '%s', sha256: a4e3057aa47d04bfee2a706ae58f2985d5be878df7d94edb8294ffe2ac383c7f }
                  upgradeSink: "file:%s"
                """.formatted(members.toString().stripTrailing(), X86_SHA256, x64Source, X64_SHA256, recipe,
                dir.resolve("upgrades").toString().replace('\\', '/'));
        Files.writeString(dir.resolve("fleet.yaml"), fleet);
        Path inventoryFile = dir.resolve("inventory.yaml");
        Files.writeString(inventoryFile, inventory);
        return inventoryFile;
    }
}
