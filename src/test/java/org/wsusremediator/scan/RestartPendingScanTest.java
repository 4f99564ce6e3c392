package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.RebootPending;
import org.wsusremediator.report.ConsoleSummary;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * Issue 14, reboots, first step: the probe reads whether a restart is pending (which registry flag says so) and the
 * last boot time, by PowerShell and by the cmd.exe fallback, through a real scan of the simulator (NTLM with message
 * encryption); the scan's table, summary and JSON report show a pending restart beside the action, which it does not
 * change; and neither fact is in the approval fingerprint: a real simulated restart changes both, not the fingerprint.
 */
class RestartPendingScanTest {

    private static final String SERVER_2003_NO_POWERSHELL = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;

    @TempDir
    Path work;

    @Test
    void theScanShowsAPendingRestartAndARestartLeavesTheFingerprintAlone() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("pending-ps", "127.78.1.10", ScanFleet.SP1_2008_X64
                        + "    rebootPending: { rebootRequired: true }\n    restart: { downSeconds: 1 }\n")
                .host("pending-2003", "127.78.1.11", SERVER_2003_NO_POWERSHELL
                        + "    rebootPending: { pendingFileRename: true }\n    lastBoot: 2008-07-01T22:15:00Z\n")
                .host("clean", "127.78.1.12", ScanFleet.SP1_2008_X64);
        try (ScanFleet.Running running = fleet.start(work, 3)) {
            Remediator.ScanResult first = running.remediator().scan(running.inventory(), ScanProgress.silent(3));
            Map<String, HostReport> hosts = byName(first.report().hosts());

            HostReport ps = hosts.get("pending-ps");
            assertThat(ps.facts().probeMethod()).isEqualTo(ProbeMethod.POWERSHELL);
            assertThat(ps.facts().rebootPending()).isEqualTo(new RebootPending(true, false, false));
            assertThat(ps.facts().lastBoot()).hasToString("2008-06-14T02:00:00Z");
            assertThat(ps.getRestartPending()).isEqualTo("restart pending (RebootRequired)");
            assertThat(ps.action()).isEqualTo(Action.INSTALL_KB); // a fact beside the action, not an action

            HostReport old = hosts.get("pending-2003");
            assertThat(old.facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
            assertThat(old.facts().rebootPending()).isEqualTo(new RebootPending(false, false, true));
            assertThat(old.facts().lastBoot()).hasToString("2008-07-01T22:15:00Z");
            assertThat(old.getRestartPending()).isEqualTo("restart pending (PendingFileRenameOperations)");
            assertThat(old.facts().probeWarning()).isNull();

            assertThat(hosts.get("clean").facts().rebootPending()).isEqualTo(RebootPending.NONE);
            assertThat(hosts.get("clean").getRestartPending()).isNull();
            assertThat(first.report().getRestartPending()).containsExactlyInAnyOrder("pending-ps", "pending-2003");

            StringWriter console = new StringWriter();
            ConsoleSummary.print(first.report(), new PrintWriter(console, true), true);
            assertThat(console.toString()).contains("[restart pending (RebootRequired)] ")
                    .contains("[restart pending (PendingFileRenameOperations)] ")
                    .containsPattern("restart pending on 2 host\\(s\\): (pending-ps, pending-2003|pending-2003, pending-ps)");

            JsonNode report = new ObjectMapper().readTree(first.reportFile().toFile());
            JsonNode jsonPs = hostNamed(report, "pending-ps");
            assertThat(jsonPs.get("restartPending").asText()).isEqualTo("restart pending (RebootRequired)");
            assertThat(jsonPs.at("/facts/rebootPending/state").asText()).isEqualTo("true");
            assertThat(jsonPs.at("/facts/rebootPending/flags/0").asText()).isEqualTo("RebootRequired");
            assertThat(jsonPs.at("/facts/lastBoot").asText()).isEqualTo("2008-06-14T02:00:00Z");
            assertThat(hostNamed(report, "clean").has("restartPending")).isFalse();
            assertThat(report.get("restartPending")).hasSize(2);

            // the plan's fact sheet keeps both facts, as facts that never bind an approval
            Map<String, Object> sheet = FactSheet.of(ps.facts()).values();
            assertThat(sheet).containsEntry("reboot_pending", "true").containsEntry("reboot_pending_flags", "RebootRequired")
                    .containsEntry("last_boot", "2008-06-14T02:00:00Z");
            assertThat(FactSheet.deciding("reboot_pending")).isFalse();
            assertThat(FactSheet.deciding("last_boot")).isFalse();

            // a real restart of the simulated host: new boot time, flags cleared, the same fingerprint
            SimulatedHost host = running.simulator().host("pending-ps");
            assertThat(host.runCommand("LAB\\wsus-admin", "shutdown /r /t 0 /c \"issue 14\"").exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> host.bootCount() == 1 && host.answersWinRm());
            HostReport again = byName(running.scan()).get("pending-ps");
            assertThat(again.facts().rebootPending()).isEqualTo(RebootPending.NONE);
            assertThat(again.facts().lastBoot()).isNotEqualTo(ps.facts().lastBoot());
            assertThat(again.getRestartPending()).isNull();
            assertThat(Fingerprint.of(again.facts())).isEqualTo(Fingerprint.of(ps.facts()));
            assertThat(FactSheet.of(again.facts()).matches(Fingerprint.of(ps.facts()))).isTrue();
        }
    }

    private static Map<String, HostReport> byName(List<HostReport> hosts) {
        return hosts.stream().collect(Collectors.toMap(HostReport::getName, Function.identity()));
    }

    private static JsonNode hostNamed(JsonNode report, String name) {
        for (JsonNode h : report.get("hosts")) {
            if (name.equals(h.get("name").asText())) {
                return h;
            }
        }
        throw new AssertionError("no host " + name + " in the report");
    }
}
