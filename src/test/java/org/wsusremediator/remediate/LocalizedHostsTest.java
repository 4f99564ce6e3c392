package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.Version;
import org.wsusremediator.scan.ScanFleet;

/**
 * Issue 11, non-English hosts (docs/simulator-localized-hosts.md): schtasks' CSV header and status words, reg's,
 * wmic's and cmd's messages are translated on a de-DE, es-ES or ja-JP host. The install task's result must be read by
 * column position and result code, and the cmd fallback must accept the translated "not found" messages. Through
 * real scans and remediations of the simulator over HTTP (WinRM4J asks for code page 437, so Japanese text arrives
 * as '?' and umlauts as what the platform charset makes of CP437 bytes).
 */
class LocalizedHostsTest {

    private static final String SP1_2003_X86_NO_POWERSHELL = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;
    private static final String NO_WSUS_2003_X86_NO_POWERSHELL = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
            """;

    @TempDir
    Path work;

    @Test
    void theInstallTaskOfAGermanASpanishAndAJapaneseHostIsReadByColumnAndResultCode() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("sp1-de", "127.65.1.10", ScanFleet.SP1_2008_X64 + "    locale: de-DE\n")
                .host("sp1-es", "127.65.1.11", ScanFleet.SP1_2008_X64 + "    locale: es-ES\n")
                .host("sp1-ja", "127.65.1.12", ScanFleet.SP1_2008_X64 + "    locale: ja-JP\n");
        try (ScanFleet.Running lab = fleet.start(work, 3)) {
            List<HostReport> hosts = lab.remediate();
            assertSoftly(soft -> hosts.forEach(host -> soft.assertThat(host.remediation().outcome())
                    .as(host.host().name() + ": " + host.remediation().reason()).isEqualTo(Outcome.REMEDIATED)));
            for (HostReport host : hosts) {
                assertThat(host.remediation().outcome()).as(host.host().name() + ": " + host.remediation().reason())
                        .isEqualTo(Outcome.REMEDIATED);
                assertThat(host.facts().dllVersion()).isEqualTo(Version.parse("3.1.6001.66"));
                assertThat(lab.simulator().host(host.host().name()).installerRuns()).as(host.host().name()).hasSize(1);
                assertThat(lab.simulator().host(host.host().name()).scheduledTasks()).as(host.host().name() + ": task deleted").isEmpty();
            }
        }
    }

    @Test
    void theCmdFallbackOfAGermanAndASpanishHostAcceptsTheirNotFoundMessages() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("sp1-de-2003", "127.65.2.10", SP1_2003_X86_NO_POWERSHELL + "    locale: de-DE\n")
                .host("sp1-es-2003", "127.65.2.11", SP1_2003_X86_NO_POWERSHELL + "    locale: es-ES\n")
                .host("none-de-2003", "127.65.2.12", NO_WSUS_2003_X86_NO_POWERSHELL + "    locale: de-DE\n")
                .host("none-es-2003", "127.65.2.13", NO_WSUS_2003_X86_NO_POWERSHELL + "    locale: es-ES\n")
                .host("sp1-ja-2003", "127.65.2.14", SP1_2003_X86_NO_POWERSHELL + "    locale: ja-JP\n");
        try (ScanFleet.Running lab = fleet.start(work, 5)) {
            List<HostReport> hosts = lab.scan();
            assertSoftly(soft -> hosts.subList(0, 4).forEach(host -> soft.assertThat(host.facts() == null ? null : host.facts().probeMethod())
                    .as(host.host().name() + ": " + host.reason()).isEqualTo(ProbeMethod.CMD_FALLBACK)));
            for (HostReport host : hosts.subList(0, 2)) {
                assertThat(host.action()).as(host.host().name() + ": " + host.reason()).isEqualTo(Action.INSTALL_KB);
                assertThat(host.facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
                assertThat(host.facts().wsus2Product()).isFalse();
            }
            for (HostReport host : hosts.subList(2, 4)) {
                assertThat(host.action()).as(host.host().name() + ": " + host.reason()).isEqualTo(Action.NOT_APPLICABLE);
                assertThat(host.facts().wsusSetupPresent()).isFalse();
            }
            // Japanese under code page 437 is all '?': absence cannot be proven, so a person looks, never a guess.
            HostReport japanese = hosts.get(4);
            assertThat(japanese.action()).as(japanese.host().name() + ": " + japanese.reason()).isEqualTo(Action.NEEDS_REVIEW);
        }
    }
}
