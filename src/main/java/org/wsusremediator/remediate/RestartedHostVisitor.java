package org.wsusremediator.remediate;

import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.host.RestartRecord;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Prober;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.HostVisitor;

/**
 * The host is back with a new boot time: probe it again and run the health check (the DLL, the WSUS service and IIS
 * running, the client web service answering on the host). REMEDIATED only when all of that holds; otherwise
 * FAILED_VERIFICATION naming the failing check. The body becomes the host's report with the restart recorded.
 */
public class RestartedHostVisitor implements HostVisitor {

    private final Prober prober = new Prober();

    @Override
    public Object visit(RemoteShell given, Object body) {
        HostRestart restart = (HostRestart) body;
        RemoteShell shell = restart.guard().fenced(given);
        RestartRecord record = restart.record();
        RemediationResult before = restart.report().remediation();
        ProbeResult after = prober.probe(shell);
        if (!after.succeeded()) {
            return restart.report().withRemediation(new RemediationResult(Outcome.FAILED_VERIFICATION, "KB954960"
                    + " installed; " + record.describe() + "; but the probe after the restart failed: "
                    + after.failure().reason(), before.exitCode(), true, record, null), null);
        }
        HealthReport health = WsusHealth.check(shell, after.facts());
        String dll = String.valueOf(after.facts().dllVersion());
        if (Sp1Dll.of(after.facts().dllVersion()) == Sp1Dll.FIXED && health.getPassed()) {
            return restart.report().withRemediation(new RemediationResult(Outcome.REMEDIATED, "KB954960 installed and "
                    + "verified after the restart: DLL at " + dll + ", " + record.describe() + ", " + health.describe(),
                    before.exitCode(), true, record, health), after.facts());
        }
        return restart.report().withRemediation(new RemediationResult(Outcome.FAILED_VERIFICATION, "KB954960 installed, "
                + record.describe() + ", but WSUS does not serve after the restart: " + health.describe(),
                before.exitCode(), true, record, health), after.facts());
    }
}
