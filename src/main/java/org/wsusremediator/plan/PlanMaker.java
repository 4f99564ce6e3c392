package org.wsusremediator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.wsusremediator.scan.HostReport;
import org.wsusremediator.scan.ScanReport;

/** Turns a scan into a plan: every host recorded, only the hosts with an action needing approval. */
public final class PlanMaker {

    private PlanMaker() {
    }

    public static Plan from(ScanReport scan, String requester, Duration validFor, Instant now) {
        List<PlannedHost> hosts = scan.hosts().stream().map(PlanMaker::planned).toList();
        String id = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        return new Plan(id, requester, now, now.plus(validFor), scan.inventory(), hosts);
    }

    private static PlannedHost planned(HostReport h) {
        return new PlannedHost(h.getName(), h.action(), h.reason(), Fingerprint.of(h.facts()), h.action().remediates()
                || h.action() == org.wsusremediator.classify.Action.FLAG_UPGRADE);
    }
}
