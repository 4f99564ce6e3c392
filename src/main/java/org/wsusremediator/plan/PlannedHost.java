package org.wsusremediator.plan;

import org.wsusremediator.classify.Action;

/**
 * One host of a plan: the action proposed, why, and the fingerprint of the facts it was based on. Approval is
 * bound to that fingerprint: if the host's facts change before acting, the approval no longer covers it.
 *
 * @param needsApproval false for hosts with no action (compliant, not affected, …): recorded, never acted on
 */
public record PlannedHost(String host, Action action, String reason, String fingerprint, boolean needsApproval) {
}
