package org.wsusremediator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.RemediationSettings;

/** Turns a scan into a plan: every host recorded, only the hosts with an action needing approval. */
public final class PlanMaker {

    private PlanMaker() {
    }

    /**
     * @param remediation the scanned inventory's remediation settings: the package, installer arguments and
     *                    recipe each host's approval will cover
     */
    public static Plan from(ScanReport scan, RemediationSettings remediation, String requester, Duration validFor,
            Instant now) {
        List<PlannedHost> hosts = scan.hosts().stream().map(h -> planned(h, remediation)).toList();
        String id = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        return new Plan(id, requester, now, now.plus(validFor), scan.inventory(), hosts);
    }

    /**
     * A restart plan (issue 14): the hosts whose scan shows KB954960 installed (the DLL fixed, so COMPLIANT) and a restart
     * pending get action RESTART, to approve like any other action; every other host is recorded without an action to
     * approve, with the scan's decision in its reason. For hosts an earlier plan left REBOOT_REQUIRED (allowReboot false).
     */
    public static Plan restarts(ScanReport scan, RemediationSettings remediation, String requester, Duration validFor,
            Instant now) {
        List<PlannedHost> hosts = scan.hosts().stream().map(h -> restartCandidate(h)
                ? new PlannedHost(h.getName(), Action.RESTART, "KB954960 installed (DLL at " + h.facts().dllVersion()
                        + ") and " + h.facts().rebootPending().describe() + ": restart, then verify WSUS serves",
                        Fingerprint.of(h.facts()), true, ApprovedSettings.of(Action.RESTART, h.host(), remediation,
                                h.facts().architecture()), FactSheet.of(h.facts()))
                : notInRestartPlan(planned(h, remediation))).toList();
        String id = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        return new Plan(id, requester, now, now.plus(validFor), scan.inventory(), hosts);
    }

    private static PlannedHost notInRestartPlan(PlannedHost p) {
        return new PlannedHost(p.host(), p.action(), "not in this restart plan (" + p.action() + "): " + p.reason(),
                p.fingerprint(), false, p.settings(), p.facts());
    }

    /** Installed and waiting for a restart: a compliant SP1 host (the DLL fixed) whose probe found a restart pending. */
    static boolean restartCandidate(HostReport h) {
        return h.facts() != null && h.action() == Action.COMPLIANT
                && Sp1Dll.of(h.facts().dllVersion()) == Sp1Dll.FIXED
                && Boolean.TRUE.equals(h.facts().rebootPending().pending());
    }

    private static PlannedHost planned(HostReport h, RemediationSettings remediation) {
        ApprovedSettings settings = ApprovedSettings.of(h.action(), h.host(), remediation,
                h.facts() == null ? null : h.facts().architecture());
        return new PlannedHost(h.getName(), h.action(), h.reason(), Fingerprint.of(h.facts()), h.action().remediates()
                || h.action() == Action.FLAG_UPGRADE, settings, FactSheet.of(h.facts()));
    }
}
