package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.probe.ProbeMethod;

/**
 * Issue 11: powershell.exe 1.0/2.0 under WinRM waits for its stdin to close after the script (StackStorm/st2#1695,
 * puppetlabs/pxp-agent#569), and WinRM4J never closes it: every probe of such a host ran into the visit deadline.
 * Every PowerShell command line of the product closes stdin itself; a scan and a remediation of PowerShell 1.0 and
 * 2.0 hosts end well within a short visit deadline.
 */
class PowerShellStdinTest {

    private static final String PS10_2008 = ScanFleet.SP1_2008_X64.replace("powershell: \"2.0\"", "powershell: \"1.0\"");
    private static final String PS20_2003 = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                powershell: "2.0"
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;
    private static final String SHORT_VISIT = ", timeouts: { connect: 2s, operation: 5s, receive: 3s, visit: 20s }";

    @TempDir
    Path work;

    @Test
    void powerShell1And2HostsAreScannedAndRemediatedWithinTheVisitDeadline() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("ps20-2008", "127.64.1.10", ScanFleet.SP1_2008_X64, SHORT_VISIT)
                .host("ps10-2008", "127.64.1.11", PS10_2008, SHORT_VISIT)
                .host("ps20-2003", "127.64.1.12", PS20_2003, SHORT_VISIT);
        try (ScanFleet.Running lab = fleet.start(work, 3)) {
            List<HostReport> scanned = lab.scan();
            for (HostReport host : scanned) {
                assertThat(host.action()).as(host.host().name() + ": " + host.reason()).isEqualTo(Action.INSTALL_KB);
                assertThat(host.facts().probeMethod()).isEqualTo(ProbeMethod.POWERSHELL);
            }

            List<HostReport> acted = lab.remediate();
            for (HostReport host : acted) {
                assertThat(host.remediation().outcome()).as(host.host().name() + ": " + host.remediation().reason())
                        .isEqualTo(Outcome.REMEDIATED);
                assertThat(lab.simulator().host(host.host().name()).installerRuns()).hasSize(1);
            }
        }
    }
}
