package org.wsusremediator.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.scan.ScanFleet;

/**
 * An NTLM logon and its sealing state belong to one TCP connection, on the host as in WinRM4J's credentials object
 * (one per visit). WinRM4J 0.12.3 gives each visit its own connection pool, unbounded; HttpClient hands the connection
 * back to that pool just after the response is delivered, so under load the visit's next request sometimes found
 * it still leased and opened a second connection. That one logged on again, which reset the visit's keys and
 * sequence numbers; a later request that went out on the first connection carried the wrong ones, and the host
 * answered 400 ("sequence number 14 where 11 was due"): the visit ended UNKNOWN. Before the fix this test saw
 * second logons within a few scans; a visit must log on exactly once.
 */
class OneNtlmConnectionPerVisitTest {

    private static final int HOSTS = 16;
    private static final int SCANS = 20;

    @TempDir
    Path work;

    @Test
    void everyVisitLogsOnOnceAndNoSealedRequestIsRefused() throws Exception {
        ScanFleet fleet = new ScanFleet();
        for (int i = 0; i < HOSTS; i++) {
            fleet.host("ntlm-" + i, "127.66.1." + (10 + i), ScanFleet.SP1_2008_X64);
        }
        try (ScanFleet.Running lab = fleet.start(work, HOSTS)) {
            for (int scan = 1; scan <= SCANS; scan++) {
                List<HostReport> hosts = lab.scan();
                for (HostReport host : hosts) {
                    assertThat(host.action()).as("scan %d, %s: %s", scan, host.host().name(), host.reason())
                            .isEqualTo(Action.INSTALL_KB);
                }
                for (HostReport host : hosts) {
                    // one probe visit per host and scan: one logon each, never a second connection
                    assertThat(lab.simulator().host(host.host().name()).logonCount())
                            .as("NTLM logons of %s after %d scans", host.host().name(), scan).isEqualTo(scan);
                }
            }
        }
    }
}
