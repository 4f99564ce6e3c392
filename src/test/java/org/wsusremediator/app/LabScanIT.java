package org.wsusremediator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * The lab scan end to end through real parts: the YAML routes in a real Camel context, the real WinRM4J client,
 * real HTTP to the fleet simulator serving inventory/lab-fleet.yaml, and the JSON report on disk.
 */
class LabScanIT {

    static final String PASSWORD = "lab-scan-test-secret";

    @TempDir
    static Path reports;

    static FleetSimulator simulator;
    static Remediator.ScanResult result;

    @BeforeAll
    static void scanTheLab() throws Exception {
        Map<String, String> env = Map.of("WSUS_LAB_PASSWORD", PASSWORD);
        // The fleet first: it writes the lab CA's certificate, which the inventory's caFile names.
        simulator = FleetSimulator.start(FleetFile.load(Path.of("inventory/lab-fleet.yaml")), env);
        Inventory inventory = InventoryReader.read(Path.of("inventory/lab.yaml"));
        try (Remediator remediator = Remediator.start(new RunSettings(reports, inventory.parallelism(), env))) {
            result = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        }
    }

    @AfterAll
    static void stopFleet() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            sp1-2008-x64        | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2003-x86        | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-nops-2003       | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-fixed-2008      | COMPLIANT      | -              | 3.1.6001.66
            sp2-2008r2          | COMPLIANT      | -              | SP2
            rtm-2003-workaround | RTM_WORKAROUND | -              | rtmPolicy workaround
            rtm-2008-upgrade    | FLAG_UPGRADE   | -              | rtmPolicy upgrade
            wsus2-2003          | NOT_AFFECTED   | -              | WSUS 2.0
            console-only-2008   | NOT_APPLICABLE | -              | console
            no-wsus-2008        | NOT_APPLICABLE | -              | not installed
            sp1-dll-missing     | NEEDS_REVIEW   | -              | not found
            sp1-ia64            | NEEDS_REVIEW   | -              | ia64
            garbled-output      | NEEDS_REVIEW   | COMMAND_FAILED | without END
            probe-fails         | NEEDS_REVIEW   | COMMAND_FAILED | exited with code 1
            refused             | UNREACHABLE    | UNREACHABLE    | Connection refused
            drop                | UNREACHABLE    | UNREACHABLE    | connection dropped
            bad-credentials     | UNREACHABLE    | AUTH_REFUSED   | 401
            soap-fault          | UNREACHABLE    | PROTOCOL_ERROR | SOAP fault
            malformed-xml       | UNREACHABLE    | PROTOCOL_ERROR | XML
            stall               | UNREACHABLE    | TIMEOUT        | timeout
            sp1-2008-de         | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2003-es         | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2008-ja         | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2003r2-winrm11  | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2008-denied     | INSTALL_KB     | -              | below 3.1.6001.66
            sp1-2008-wrongname  | UNREACHABLE    | TLS_FAILED     | not for this host name
            sp1-2008-nossl-plain | UNREACHABLE   | AUTH_REFUSED   | 401
            """)
    void everyLabHostGetsItsActionAndReason(String host, Action action, ErrorCategory category, String reasonPart) {
        HostReport report = report(host);
        assertThat(report.action()).isEqualTo(action);
        assertThat(report.errorCategory()).isEqualTo(category);
        assertThat(report.reason()).containsIgnoringCase(reasonPart);
        if (category != null && category != ErrorCategory.COMMAND_FAILED) {
            assertThat(report.reason()).as("a transport failure names the host").contains("host " + host);
        }
    }

    @Test
    void theLabShowsEveryActionAndEveryFailureCategory() {
        Set<Action> actions = result.report().hosts().stream().map(HostReport::action).collect(Collectors.toSet());
        // RESTART is only ever planned by a restart plan (plan --restarts), never by a scan's classification.
        assertThat(actions).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(Action.RESTART)));
        // sp1-2008-wrongname's certificate is made for another name: the lab shows TLS_FAILED too.
        assertThat(result.report().getErrors().keySet())
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ErrorCategory.class));
    }

    @Test
    void theLabsHttpsHostsAreScannedOverTlsTrustingTheLabCa() {
        for (String name : new String[] {"sp2-2008r2", "sp1-fixed-2008"}) {
            assertThat(simulator.host(name).tlsHandshakes()).as(name).isPositive();
            assertThat(simulator.host(name).tlsHandshakeFailures()).as(name).isZero();
            // reached with NTLM over TLS: the logon's two 401s, then the probe's five requests
            assertThat(simulator.host(name).requestCount()).as(name).isEqualTo(2 + 5);
        }
    }

    @Test
    void installKbPicksThePackageByArchitectureAndElevationByOs() {
        assertThat(report("sp1-2008-x64").kbPackage()).isEqualTo("WSUS3.0SP1-KB954960-x64.exe");
        assertThat(report("sp1-2008-x64").elevationRequired()).isTrue();
        assertThat(report("sp1-2003-x86").kbPackage()).isEqualTo("WSUS3.0SP1-KB954960-x86.exe");
        assertThat(report("sp1-2003-x86").elevationRequired()).isFalse();
        assertThat(report("sp1-2008-x64").nextStep()).contains("elevated").contains("3.1.6001.66");
    }

    @Test
    void aPowerShellProbeCostsFiveRequestsInOneShellAfterTheNtlmLogon() {
        // the NTLM logon (an anonymous request and the NEGOTIATE, both answered 401; the AUTHENTICATE carries the
        // Create) + Create, Command, Receive, Signal, Delete
        assertThat(simulator.statistics().requests("sp1-2008-x64")).isEqualTo(2 + 5);
        assertThat(report("sp1-2008-x64").winrmCommands()).isEqualTo(1);
        assertThat(report("sp1-2008-x64").facts().probeMethod()).isEqualTo(ProbeMethod.POWERSHELL);
    }

    @Test
    void everyReachedHostIsReachedOverItsStockTransport() {
        List<String> reached = List.of("sp1-2008-x64", "sp1-2003-x86", "sp1-fixed-2008", "rtm-2003-workaround",
                "rtm-2008-upgrade", "sp2-2008r2", "wsus2-2003", "console-only-2008", "no-wsus-2008", "sp1-dll-missing",
                "garbled-output", "probe-fails", "sp1-ia64", "sp1-2008-tampered", "sp1-2008-1603", "sp1-2008-3010",
                "sp1-2008-task-hangs", "sp1-2008-drop-install", "rtm-2008-recipe-fails");
        for (String name : reached) {
            // stock hosts: NTLM, every request sealed (a plain one would have been refused)
            assertThat(simulator.host(name).sealedRequestCount()).as(name).isPositive();
            assertThat(simulator.host(name).basicRequestCount()).as(name).isZero();
        }
        // the legacy host: Basic over http, nothing sealed
        assertThat(simulator.host("sp1-nops-2003").basicRequestCount()).isPositive();
        assertThat(simulator.host("sp1-nops-2003").sealedRequestCount()).isZero();
    }

    @Test
    void aHostWithoutPowerShellIsReadWithCmdToolsInTheSameShell() {
        HostReport nops = report("sp1-nops-2003");
        assertThat(nops.facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
        assertThat(nops.facts().signatureCount()).isEqualTo(1);
        assertThat(nops.winrmCommands()).isEqualTo(3);
        // the legacy host speaks Basic, no logon round trips: Create + 3 x (Command, Receive, Signal) + Delete
        assertThat(simulator.statistics().requests("sp1-nops-2003")).isEqualTo(11);
    }

    @Test
    void neverMoreThanOneShellPerHostAndNoneLeftOpen() {
        assertThat(simulator.statistics().maxConcurrentShells()).isEqualTo(1);
        for (String host : new String[] {"sp1-2008-x64", "sp1-nops-2003", "garbled-output", "probe-fails", "sp1-ia64"}) {
            assertThat(simulator.host(host).openShellCount()).as(host).isZero();
        }
    }

    @Test
    void theSymptomIsReportedFromTheServerLog() {
        HostReport sick = report("sp1-2008-x64");
        assertThat(sick.facts().signatureCount()).isEqualTo(3);
        assertThat(sick.reason()).contains("symptomatic");
    }

    @Test
    void theJsonReportHoldsEveryHostWithFactsActionAndTimings() throws Exception {
        assertThat(result.reportFile()).isRegularFile();
        assertThat(result.reportFile().getParent()).isEqualTo(reports);
        JsonNode json = new ObjectMapper().readTree(Files.readString(result.reportFile()));
        assertThat(json.get("hostCount").asInt()).isEqualTo(33);
        assertThat(json.get("hosts")).hasSize(33);
        JsonNode first = json.get("hosts").get(0);
        assertThat(first.get("name").asText()).isEqualTo("sp1-2008-x64");
        assertThat(first.get("action").asText()).isEqualTo("INSTALL_KB");
        assertThat(first.get("facts").get("dllVersion").asText()).isEqualTo("3.1.6001.65");
        assertThat(first.get("durationMillis").asLong()).isPositive();
        assertThat(json.get("actions").get("INSTALL_KB").asInt()).isEqualTo(13);
        assertThat(Files.readString(result.reportFile())).doesNotContain(PASSWORD);
    }

    static HostReport report(String name) {
        return result.report().hosts().stream().filter(h -> h.getName().equals(name)).findFirst().orElseThrow();
    }
}
