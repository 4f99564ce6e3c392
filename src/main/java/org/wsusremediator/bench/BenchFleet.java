package org.wsusremediator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.CredentialRef;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.inventory.Timeouts;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.probe.ProbeScripts;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.SimulatedHostSpec;
import org.wsusremediator.simulator.WinRmServiceSpec;

/**
 * The benchmark's fleet: {@code hosts} typical WSUS 3.0 SP1 servers on consecutive loopback addresses, all on one
 * port, reached the way {@link ScanBenchmark.Auth} says. Both processes of a benchmark build it from the same
 * parameters (the simulator's child JVM and the scanning JVM), so no fleet file passes between them; for an
 * independent client it can also be written out as a fleet file and an inventory ({@link #writeFiles}).
 */
public record BenchFleet(int hosts, long latencyMs, String firstAddress, int port, ScanBenchmark.Auth auth) {

    /** The benchmark's account password comes from this variable, set by the benchmark for its child only. */
    public static final String PASSWORD_VARIABLE = "REMEDIATOR_BENCH_PASSWORD";
    static final String USERNAME = "bench";
    private static final String CREDENTIAL = "bench";
    private static final String NAME_PREFIX = "wsus-";

    public FleetFile fleet() {
        FleetFile.Builder builder = FleetFile.builder().port(port).latencyMs(latencyMs).account(USERNAME, PASSWORD_VARIABLE);
        if (auth == ScanBenchmark.Auth.BASIC) {
            builder.winrm(WinRmServiceSpec.legacyBasicOverHttp());
        }
        return builder.generateHosts(hosts, firstAddress, NAME_PREFIX, b -> b).build();
    }

    /** The inventory that scans this fleet with {@code parallelism} hosts at once. */
    public Inventory inventory(int parallelism) {
        List<HostEntry> entries = fleet().hosts().stream().map(this::entry).toList();
        return new Inventory(Path.of("benchmark"), null, parallelism, entries,
                Map.of(CREDENTIAL, new CredentialRef.EnvPassword(CREDENTIAL, PASSWORD_VARIABLE)));
    }

    private HostEntry entry(SimulatedHostSpec spec) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
        return new HostEntry(spec.name(), "bench", spec.address(), port, Transport.HTTP,
                auth == ScanBenchmark.Auth.BASIC ? AuthScheme.BASIC : AuthScheme.NTLM, CREDENTIAL,
                auth == ScanBenchmark.Auth.BASIC, true, timeouts, RtmPolicy.UPGRADE, "benchmark", 0);
    }

    /**
     * Writes, for a comparison with another WinRM client on one separately running simulator:
     * {@code fleet.yaml} (for {@code remediator simulate}), {@code inventory.yaml} (for {@code remediator scan}, the
     * same hosts as real hosts: it declares no simulator, so the scan starts none), {@code hosts.txt} (one address a
     * line) and {@code probe-command.txt} (the PowerShell probe's command line exactly as the scan sends it).
     */
    public List<Path> writeFiles(Path dir, int parallelism) throws IOException {
        Files.createDirectories(dir);
        List<SimulatedHostSpec> specs = fleet().hosts();
        StringBuilder fleet = new StringBuilder()
                .append("# ").append(hosts).append(" generated WSUS 3.0 SP1 hosts for a client comparison (remediator benchmark --write-files)\n")
                .append("defaults:\n  port: ").append(port).append("\n  latencyMs: ").append(latencyMs).append('\n');
        if (auth == ScanBenchmark.Auth.BASIC) {
            fleet.append("  winrm: { basic: true, allowUnencrypted: true }\n");
        }
        fleet.append("accounts:\n  - username: ").append(USERNAME).append("\n    passwordEnv: ").append(PASSWORD_VARIABLE).append('\n')
                .append("hosts:\n");
        StringBuilder inventory = new StringBuilder()
                .append("# The hosts of fleet.yaml, scanned as real hosts: start `remediator simulate fleet.yaml` first.\n")
                .append("scan:\n  parallelism: ").append(parallelism).append('\n')
                .append("credentials:\n  bench:\n    username: ").append(USERNAME).append("\n    password: env:").append(PASSWORD_VARIABLE).append('\n')
                .append("defaults:\n  credential: bench\n  rtmPolicy: upgrade\n")
                .append("groups:\n  bench:\n    port: ").append(port).append("\n    auth: ").append(auth == ScanBenchmark.Auth.BASIC ? "basic" : "ntlm").append('\n');
        if (auth == ScanBenchmark.Auth.BASIC) {
            inventory.append("    allowUnencrypted: true\n");
        }
        inventory.append("    timeouts: { connect: 10s, operation: 30s, receive: 60s }\n    hosts:\n");
        StringBuilder addresses = new StringBuilder();
        for (SimulatedHostSpec spec : specs) {
            // the fields of SimulatedHostSpec.typicalSp1Server2008, which fleet() generates
            fleet.append("  - name: ").append(spec.name()).append("\n    address: ").append(spec.address()).append('\n')
                    .append("    os: { caption: \"Microsoft Windows Server 2008 Enterprise\", version: 6.0.6001 }\n")
                    .append("    architecture: x64\n    powershell: \"2.0\"\n")
                    .append("    wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }\n")
                    .append("    dllVersion: 3.1.6001.65\n    log: { folder: LogFiles, signatures: 0 }\n");
            inventory.append("      - { name: ").append(spec.name()).append(", address: ").append(spec.address()).append(" }\n");
            addresses.append(spec.address()).append('\n');
        }
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve("fleet.yaml"), fleet.toString()));
        written.add(write(dir.resolve("inventory.yaml"), inventory.toString()));
        written.add(write(dir.resolve("hosts.txt"), addresses.toString()));
        written.add(write(dir.resolve("probe-command.txt"), ProbeScripts.standard().powerShellCommandLine() + "\n"));
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
