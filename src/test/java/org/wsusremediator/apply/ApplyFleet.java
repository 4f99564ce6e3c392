package org.wsusremediator.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small fleet for plan-run tests, written as files: the simulator's fleet, the inventory that reaches it (a
 * production-like inventory: not a lab, no embedded simulator), the admins and the change-window file.
 * Hosts are WSUS 3.0 SP1 on Server 2008 x64 needing KB954960 unless a fault or an RTM kind is given.
 */
public final class ApplyFleet {

    static final String PASSWORD = "apply-test-Secret-9";
    static final String X64_SHA256 = "6f8c6f26379e01ca1962bc51d162fe375830d78a5f23d19177cea8803d8c7029";

    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> groups = new LinkedHashMap<>();
    /** Per host: more fleet-file lines (faults, restart timings), each indented as a host's field. */
    private final Map<String, String> extraFleet = new LinkedHashMap<>();
    private final Map<String, Boolean> allowReboot = new LinkedHashMap<>();
    private String remediationExtra = "";
    private final String subnet;
    private long latencyMs = 5;
    private String rollout = "  canary: 1\n  waveSize: 50%\n  minWaveSuccess: 100%\n  maxFailures: 50%\n  concurrency: 4\n  perGroup: 0\n";
    private boolean applyNow = true;
    private String windows = "";

    public ApplyFleet(String subnet) {
        this.subnet = subnet;
    }

    /** A host needing KB954960, with a simulator fault or null. */
    public ApplyFleet sp1(String name, String group, String fault) {
        hosts.put(name, fault == null ? "" : fault);
        groups.put(name, group);
        return this;
    }

    /**
     * A host needing KB954960 whose installer exits 3010, with the restart faults given (restartNeverComesBack,
     * restartWinRmLate, restartWsusStopped) and the inventory's allowReboot; the host is down {@code downSeconds}
     * after the restart's delay and, with restartWinRmLate, refuses WinRM {@code winrmLateSeconds} more.
     */
    public ApplyFleet needsRestart(String name, String group, boolean allowed, int downSeconds, int winrmLateSeconds,
            String... restartFaults) {
        hosts.put(name, "");
        groups.put(name, group);
        allowReboot.put(name, allowed);
        StringBuilder faults = new StringBuilder("installerExit3010");
        for (String f : restartFaults) {
            faults.append(", ").append(f);
        }
        extraFleet.put(name, "    faults: [ " + faults + " ]\n    restart: { downSeconds: " + downSeconds
                + ", winrmLateSeconds: " + winrmLateSeconds + " }\n");
        return this;
    }

    /** The port the host's WSUS serves on (its Setup key's PortNumber); 80 unless set. */
    private final Map<String, Integer> portNumbers = new LinkedHashMap<>();

    public ApplyFleet portNumber(String name, int port) {
        portNumbers.put(name, port);
        return this;
    }

    /** More fields of the inventory's remediation section, e.g. {@code "  restartTimeout: 10s\n"}. */
    public ApplyFleet remediation(String yaml) {
        this.remediationExtra = yaml;
        return this;
    }

    /** A WSUS 3.0 RTM host: flagged for upgrade (the inventory's default rtmPolicy). */
    ApplyFleet rtmUpgrade(String name, String group) {
        hosts.put(name, "rtm");
        groups.put(name, group);
        return this;
    }

    ApplyFleet latencyMs(long ms) {
        this.latencyMs = ms;
        return this;
    }

    ApplyFleet rollout(String yaml) {
        this.rollout = yaml;
        return this;
    }

    /** The windows section's entries, as YAML list items indented by two spaces. */
    ApplyFleet windows(String yaml) {
        this.windows = yaml;
        return this;
    }

    ApplyFleet applyNow(boolean allowed) {
        this.applyNow = allowed;
        return this;
    }

    /** The admins.yaml written beside {@code inventory}: what a run of its plans checks approvals against. */
    static org.wsusremediator.plan.AdminDirectory admins(org.wsusremediator.inventory.Inventory inventory) {
        return org.wsusremediator.plan.AdminDirectory.read(inventory.source().resolveSibling("admins.yaml"));
    }

    static Map<String, String> environment() {
        return Map.of("WSUS_LAB_PASSWORD", PASSWORD);
    }

    /** Writes fleet.yaml, inventory.yaml, admins.yaml and windows.yaml into {@code dir}; returns the inventory. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder fleet = new StringBuilder("""
                defaults:
                  port: 55985
                  latencyMs: %d
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                packages:
                  - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe'
                    content: "Simulated WSUS 3.0 SP1 KB954960 package (x64) for the lab fleet - not a real installer"
                hosts:
                """.formatted(latencyMs));
        StringBuilder inventory = new StringBuilder("""
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
                """);
        Map<String, StringBuilder> byGroup = new LinkedHashMap<>();
        int i = 10;
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            String address = subnet + "." + i++;
            boolean rtm = "rtm".equals(h.getValue());
            String version = rtm ? "3.0.6000.273" : "3.1.6001.65";
            fleet.append("  - name: ").append(h.getKey()).append('\n')
                    .append("    address: ").append(address).append('\n')
                    .append("    os: { caption: \"Microsoft Windows Server 2008 Enterprise\", version: 6.0.6001 }\n")
                    .append("    architecture: x64\n")
                    .append("    powershell: \"2.0\"\n")
                    .append("    wsus: { versionString: ").append(version)
                    .append(", installType: 1, targetDir: 'C:\\Program Files\\Update Services\\'")
                    .append(portNumbers.containsKey(h.getKey()) ? ", portNumber: " + portNumbers.get(h.getKey()) : "")
                    .append(" }\n")
                    .append("    dllVersion: ").append(version).append('\n')
                    .append("    log: { folder: LogFiles, signatures: 0 }\n");
            if (!rtm && !h.getValue().isEmpty()) {
                fleet.append("    fault: ").append(h.getValue()).append('\n');
            }
            fleet.append(extraFleet.getOrDefault(h.getKey(), ""));
            Boolean reboot = allowReboot.get(h.getKey());
            byGroup.computeIfAbsent(groups.get(h.getKey()), g -> new StringBuilder())
                    .append("      - { name: ").append(h.getKey()).append(", address: ").append(address)
                    .append(reboot == null ? "" : ", allowReboot: " + reboot).append(" }\n");
        }
        byGroup.forEach((group, members) -> inventory.append("  ").append(group)
                .append(":\n    hosts:\n").append(members));
        inventory.append("""
                remediation:
                  packages:
                    x64: { source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe', sha256: %s }
                  installTimeout: 8s
                  upgradeSink: "file:%s"
                """.formatted(X64_SHA256, dir.resolve("upgrades").toString().replace('\\', '/'))).append(remediationExtra);
        Files.writeString(dir.resolve("fleet.yaml"), fleet);
        Path inventoryFile = dir.resolve("inventory.yaml");
        Files.writeString(inventoryFile, inventory);
        Files.writeString(dir.resolve("admins.yaml"), """
                approvals: { required: 1, twoPersonRule: true, planValidityHours: 72 }
                admins:
                  - { name: alice, roles: [requester], osUsers: [%s] }
                  - { name: bob, roles: [approver], tokenHash: "$argon2id$v=19$m=19456,t=2,p=1$2GyBbzojId1sQafx1y7qmQ$7rA44kNR/KQSeWsbVmk1ol3bjjjzosds1tnGo/fD8ZY" }
                """.formatted(System.getProperty("user.name")));
        Files.writeString(dir.resolve("windows.yaml"), (windows.isEmpty() ? "" : "windows:\n" + windows)
                + "applyNow: " + applyNow + "\nrollout:\n" + rollout);
        return inventoryFile;
    }
}
