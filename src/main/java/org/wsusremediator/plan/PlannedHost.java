package org.wsusremediator.plan;

import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;

/**
 * One host of a plan: the action proposed, why, the fingerprint of the facts it was based on and the settings it
 * would be done with. Approval is bound to both: if the host's facts or the inventory's settings for it change
 * before acting, the approval no longer covers it (DRIFTED).
 *
 * @param needsApproval false for hosts with no action (compliant, not affected, …): recorded, never acted on
 * @param settings      the endpoint, package, installer arguments and recipe the approval covers; null in a plan
 *                      made before approvals covered them (such a plan cannot be run: make a new one)
 * @param facts         what the probe read, which decided the action (shown to approvers; the fingerprint binds);
 *                      null when the host could not be read, or in a plan made before plans kept facts
 */
public record PlannedHost(String host, Action action, String reason, String fingerprint, boolean needsApproval,
                          ApprovedSettings settings, FactSheet facts) {

    /** A host whose facts are not kept (tests of rules that do not depend on them). */
    public PlannedHost(String host, Action action, String reason, String fingerprint, boolean needsApproval,
            ApprovedSettings settings) {
        this(host, action, reason, fingerprint, needsApproval, settings, null);
    }

    /** A host without recorded settings (tests of the approval rules, which do not depend on them). */
    public PlannedHost(String host, Action action, String reason, String fingerprint, boolean needsApproval) {
        this(host, action, reason, fingerprint, needsApproval, null);
    }
}
