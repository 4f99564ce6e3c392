package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.probe.Version;
import org.wsusremediator.scan.ScanFleet;

/**
 * Issue 8 item 19: an installer that leaves the client web service DLL at 3.2.7600.226 (a WSUS 3.0 SP2 file on
 * a WSUS 3.0 SP1 server) was called REMEDIATED by the verification, while the scan calls the very same state
 * NEEDS_REVIEW (a mixed installation). One rule decides both: a real remediate visit, then a real scan.
 */
class MixedDllVerificationTest {

    @TempDir
    Path work;

    @Test
    void anInstallThatLeavesASp2DllIsNotRemediatedAndTheScanAgrees() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("sp1-mixed-dll", "127.71.1.10", ScanFleet.SP1_2008_X64 + "    fault: installerMixedDll\n");
        try (ScanFleet.Running lab = fleet.start(work, 2)) {
            HostReport acted = lab.remediate().get(0);
            assertThat(lab.simulator().host("sp1-mixed-dll").installerRuns()).hasSize(1);
            assertThat(acted.facts().dllVersion()).isEqualTo(Version.parse("3.2.7600.226"));
            assertThat(acted.remediation().outcome()).as(acted.remediation().reason()).isEqualTo(Outcome.NEEDS_REVIEW);
            assertThat(acted.remediation().reason()).contains("mixed installation").contains("3.2.7600.226");

            HostReport scanned = lab.scan().get(0);
            assertThat(scanned.action()).isEqualTo(Action.NEEDS_REVIEW);
            assertThat(scanned.reason()).contains("mixed installation").contains("3.2.7600.226");
        }
    }
}
