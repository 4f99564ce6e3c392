package org.wsusremediator.scan;

import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Prober;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.ErrorCategory;
import org.wsusremediator.winrm.HostVisitor;

/** The scan's host visit: one probe in the visit's shell; facts on success, NEEDS_REVIEW with the reason otherwise. */
public class ProbeVisitor implements HostVisitor {

    private final Prober prober = new Prober();

    @Override
    public Object visit(RemoteShell shell, Object body) {
        HostReport report = (HostReport) body;
        ProbeResult result = prober.probe(shell);
        if (result.failure() != null) {
            return report.withFailure(Action.NEEDS_REVIEW, ErrorCategory.COMMAND_FAILED, result.failure().reason());
        }
        return report.withFacts(result.facts());
    }
}
