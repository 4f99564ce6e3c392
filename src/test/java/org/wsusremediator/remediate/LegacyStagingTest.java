package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.scan.ScanFleet;
import org.wsusremediator.simulator.InstallerRun;

/**
 * Issue 11, the double hop and Server 2003 as it is (docs/simulator-legacy-windows.md). The WinRM shell's logon has
 * no credentials for the share, so the package from \\labfs\wsus was denied to it (ANONYMOUS LOGON) and every UNC
 * install failed to stage; a SYSTEM task copies it now, as the computer account, which the share must allow. On
 * Server 2003 the task is created without /RL (an invalid option there). A 2003 host without PowerShell whose
 * certutil cannot hash with SHA-256 ends PACKAGE_HASH_UNVERIFIABLE and nothing runs. An http source still works.
 */
class LegacyStagingTest {

    private static final String SP1_2003_X86 = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                powershell: "2.0"
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;
    private static final String SP1_NOPS_2003_X64 = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003 Enterprise x64 Edition", version: 5.2.3790 }
                architecture: x64
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;
    private static final String X64 = "Simulated WSUS 3.0 SP1 KB954960 package (x64) for the lab fleet - not a real installer";
    private static final String X86 = "Simulated WSUS 3.0 SP1 KB954960 package (x86) for the lab fleet - not a real installer";

    @TempDir
    Path work;

    private Map<String, HostReport> remediate(ScanFleet fleet, Map<String, List<InstallerRun>> runs) throws Exception {
        try (ScanFleet.Running lab = fleet.start(work, 4)) {
            Map<String, HostReport> hosts = lab.remediate().stream()
                    .collect(Collectors.toMap(h -> h.host().name(), Function.identity()));
            hosts.keySet().forEach(name -> runs.put(name, lab.simulator().host(name).installerRuns()));
            hosts.keySet().forEach(name -> assertThat(lab.simulator().host(name).scheduledTasks()).as(name + ": tasks left").isEmpty());
            return hosts;
        }
    }

    private static void assertOutcome(HostReport host, Outcome outcome, String reasonStart) {
        assertThat(host.remediation().outcome()).as(host.host().name() + ": " + host.remediation().reason()).isEqualTo(outcome);
        assertThat(host.remediation().reason()).startsWith(reasonStart);
    }

    @Test
    void packagesFromTheShareAreCopiedByTheSystemTaskOn2008And2003() throws Exception {
        Map<String, List<InstallerRun>> runs = new java.util.HashMap<>();
        Map<String, HostReport> hosts = remediate(new ScanFleet()
                .host("dh-2008", "127.64.2.10", ScanFleet.SP1_2008_X64)
                .host("dh-2003", "127.64.2.11", SP1_2003_X86)
                .host("dh-nops-2003", "127.64.2.12", SP1_NOPS_2003_X64 + "    certutilSha256: true\n"), runs);

        assertOutcome(hosts.get("dh-2008"), Outcome.REMEDIATED, "KB954960 installed and verified");
        assertOutcome(hosts.get("dh-2003"), Outcome.REMEDIATED, "KB954960 installed and verified");
        assertOutcome(hosts.get("dh-nops-2003"), Outcome.REMEDIATED, "KB954960 installed and verified");
        runs.values().forEach(r -> assertThat(r).hasSize(1));
    }

    @Test
    void aShareThatDeniesTheComputerAccountEndsStagingFailedAndNothingRuns() throws Exception {
        Map<String, List<InstallerRun>> runs = new java.util.HashMap<>();
        Map<String, HostReport> hosts = remediate(new ScanFleet()
                .packages("""
                          - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe'
                            content: "%s"
                            readers: [ 'LAB\\DH-ALLOWED$' ]
                          - source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe'
                            content: "%s"
                            readers: [ 'Domain Computers' ]
                            deny: [ 'DH-DENIED-2003$' ]
                        """.formatted(X64, X86))
                .host("dh-allowed", "127.64.2.20", ScanFleet.SP1_2008_X64)
                .host("dh-denied", "127.64.2.21", ScanFleet.SP1_2008_X64)
                .host("dh-denied-2003", "127.64.2.22", SP1_2003_X86), runs);

        assertOutcome(hosts.get("dh-allowed"), Outcome.REMEDIATED, "KB954960 installed and verified");
        for (String denied : List.of("dh-denied", "dh-denied-2003")) {
            assertOutcome(hosts.get(denied), Outcome.FAILED, "PACKAGE_STAGING_FAILED: the SYSTEM task did not copy");
            assertThat(hosts.get(denied).remediation().reason()).contains("Access is denied")
                    .contains("computer account").endsWith("nothing was executed");
            assertThat(runs.get(denied)).isEmpty();
        }
    }

    @Test
    void server2003WithoutPowerShellWhoseCertutilCannotSha256RunsNothing() throws Exception {
        Map<String, List<InstallerRun>> runs = new java.util.HashMap<>();
        Map<String, HostReport> hosts = remediate(new ScanFleet()
                .host("nops-2003-nosha", "127.64.2.30", SP1_NOPS_2003_X64), runs);

        HostReport host = hosts.get("nops-2003-nosha");
        assertOutcome(host, Outcome.FAILED, "PACKAGE_HASH_UNVERIFIABLE: ");
        assertThat(host.remediation().reason()).contains("SHA-256").contains("NTE_BAD_ALGID").endsWith("nothing was executed");
        assertThat(runs.get("nops-2003-nosha")).isEmpty();
    }

    @Test
    void aSourceTooLongForTheCopyTasksCommandIsRefusedBeforeAnythingRuns() throws Exception {
        // schtasks takes at most 261 characters after /tr; the copy task's command is 159 plus the source
        String longSource = "\\\\labfs\\" + "deep-folder-name\\".repeat(5) + "WSUS3.0SP1-KB954960-x64.exe";
        Map<String, List<InstallerRun>> runs = new java.util.HashMap<>();
        Map<String, HostReport> hosts = remediate(new ScanFleet().x64Source(longSource)
                .host("long-source", "127.64.2.50", ScanFleet.SP1_2008_X64), runs);

        assertOutcome(hosts.get("long-source"), Outcome.FAILED,
                "PACKAGE_STAGING_FAILED: the package source is too long for the copy task's command (279 characters;");
        assertThat(runs.get("long-source")).isEmpty();
    }

    @Test
    void anHttpSourceIsStillDownloadedByTheShell() throws Exception {
        Map<String, List<InstallerRun>> runs = new java.util.HashMap<>();
        Map<String, HostReport> hosts = remediate(new ScanFleet()
                .packages("""
                          - source: 'http://labfs.lab.example/wsus/WSUS3.0SP1-KB954960-x64.exe'
                            content: "%s"
                        """.formatted(X64))
                .x64Source("http://labfs.lab.example/wsus/WSUS3.0SP1-KB954960-x64.exe")
                .host("http-2008", "127.64.2.40", ScanFleet.SP1_2008_X64), runs);

        assertOutcome(hosts.get("http-2008"), Outcome.REMEDIATED, "KB954960 installed and verified");
        assertThat(runs.get("http-2008")).hasSize(1);
    }
}
