package org.wsusremediator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.wsusremediator.classify.Action;
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

    private static PlannedHost planned(HostReport h, RemediationSettings remediation) {
        ApprovedSettings settings = ApprovedSettings.of(h.action(), h.host(), remediation,
                h.facts() == null ? null : h.facts().architecture());
        return new PlannedHost(h.getName(), h.action(), h.reason(), Fingerprint.of(h.facts()), h.action().remediates()
                || h.action() == Action.FLAG_UPGRADE, settings, FactSheet.of(h.facts()));
    }
}
