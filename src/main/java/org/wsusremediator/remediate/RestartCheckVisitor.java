package org.wsusremediator.remediate;

import java.time.Instant;
import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Prober;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.HostVisitor;

/**
 * Before an approved RESTART (a restart plan, docs/remediation-protocol.md section 3a): probe the host again and decide
 * whether the restart still has to happen. Facts other than the approved ones: DRIFTED. A DLL not fixed: NEEDS_REVIEW (a
 * restart plan restarts only hosts with KB954960 installed). An interrupted run's restart that happened (the boot time
 * changed): only verified. No restart pending any more (someone restarted it): verified without a restart, NO_CHANGE.
 * Otherwise REBOOT_REQUIRED, which the route hands to the restart (restart-host.camel.yaml).
 */
public class RestartCheckVisitor implements HostVisitor {

    private final Prober prober = new Prober();

    @Override
    public Object visit(RemoteShell given, Object body) {
        RemediationTask task = (RemediationTask) body;
        RemoteShell shell = task.guard().fenced(given);
        ProbeResult probe = prober.probe(shell);
        if (!probe.succeeded()) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "re-probe before the restart failed: "
                    + probe.failure().reason()), null);
        }
        Facts facts = probe.facts();
        String approved = task.guard().approvedFingerprint();
        if (approved != null && !approved.equals(Fingerprint.of(facts))) {
            return done(task, RemediationResult.of(Outcome.DRIFTED, "not restarted: the host's facts changed since the plan"
                    + " was approved; make a new plan"), facts);
        }
        if (Sp1Dll.of(facts.dllVersion()) != Sp1Dll.FIXED) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "not restarted: the DLL is " + facts.dllVersion()
                    + ", and a restart plan restarts only hosts with KB954960 installed"), facts);
        }
        Instant from = task.guard().earlierRestartFrom();
        boolean restartedSince = from != null && facts.lastBoot() != null && !facts.lastBoot().instant().equals(from);
        if (restartedSince || !Boolean.TRUE.equals(facts.rebootPending().pending())) {
            HealthReport health = WsusHealth.check(shell, facts);
            String why = restartedSince ? "an interrupted run's restart happened (boot time " + from + " -> "
                    + facts.lastBoot() + ")" : "no restart pending any more (" + facts.rebootPending().describe() + ")";
            return done(task, new RemediationResult(health.getPassed() ? Outcome.NO_CHANGE : Outcome.FAILED_VERIFICATION,
                    "not restarted: " + why + "; " + health.describe(), null, false).withHealth(health), facts);
        }
        return done(task, new RemediationResult(Outcome.REBOOT_REQUIRED, "restart approved in the plan; DLL at "
                + facts.dllVersion() + ", " + facts.rebootPending().describe(), null, false), facts);
    }

    private static Object done(RemediationTask task, RemediationResult result, Facts facts) {
        return task.report().withRemediation(result, facts);
    }
}
