package org.wsusremediator.apply;

import java.util.List;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.plan.ApprovedSettings;
import org.wsusremediator.plan.PlannedHost;

/**
 * Whether a run may act on a host with the inventory as it reads now: only with exactly the settings the
 * approval covers (endpoint, package, installer arguments, recipe: {@link ApprovedSettings}). Checked before
 * the host is contacted, so an edited address never reaches another machine and an edited package or
 * argument never runs.
 */
final class SettingsCheck {

    private SettingsCheck() {
    }

    /**
     * Why the host must not be acted on (it is then DRIFTED: nothing done, a new plan needed), or null when the
     * inventory still says what was approved.
     *
     * @param auditedHash the settings' hash in the plan's PLAN_CREATED audit record; null if it has none
     */
    static String driftReason(PlannedHost planned, HostEntry now, RemediationSettings remediation, String auditedHash) {
        ApprovedSettings approved = planned.settings();
        if (approved == null) {
            return "not contacted: plan made before approvals covered the endpoint, package and installer settings;"
                    + " make a new plan";
        }
        if (!approved.hash().equals(auditedHash)) {
            return "not contacted: the approved settings stored for this host differ from the plan's PLAN_CREATED"
                    + " audit record (the store was edited; run 'audit verify'); make a new plan";
        }
        List<String> changes = approved.changesIn(approved.now(planned.action(), now, remediation));
        if (changes.isEmpty()) {
            return null;
        }
        return "not contacted: the inventory changed since the plan was approved (" + String.join("; ", changes)
                + " at " + now.origin() + "); nobody approved that: make a new plan";
    }
}
