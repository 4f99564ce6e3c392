package org.wsusremediator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of consent: who may request and approve, the two-person rule (on by default: whoever requested
 * a plan cannot approve it), how many distinct approvers a host needs, and how long a plan stays valid.
 */
public record ApprovalPolicy(int requiredApprovals, boolean twoPersonRule, Duration planValidity) {

    public static final ApprovalPolicy DEFAULT = new ApprovalPolicy(1, true, Duration.ofHours(72));

    public ApprovalPolicy {
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("requiredApprovals must be at least 1 (was " + requiredApprovals + ")");
        }
        if (planValidity.isNegative() || planValidity.isZero()) {
            throw new IllegalArgumentException("planValidity must be positive");
        }
    }

    public void checkMayRequest(Admin admin) {
        if (!admin.may(Role.REQUESTER)) {
            throw new ApprovalRefused(admin.name() + " is not a requester and cannot make plans");
        }
    }

    /** Refuses, with the rule's words, an approval or rejection the rules do not allow. */
    public void checkMayDecide(Plan plan, Admin admin, List<String> hosts, Instant now) {
        if (!admin.may(Role.APPROVER)) {
            throw new ApprovalRefused(admin.name() + " is not an approver");
        }
        if (plan.expiredAt(now)) {
            throw new ApprovalRefused("plan " + plan.id() + " expired at " + plan.expiresAt() + "; make a new plan");
        }
        if (twoPersonRule && plan.requester().equalsIgnoreCase(admin.name())) {
            throw new ApprovalRefused("two-person rule: " + admin.name() + " requested plan " + plan.id()
                    + " and cannot approve or reject it");
        }
        for (String host : hosts) {
            if (plan.hosts().stream().noneMatch(h -> h.host().equalsIgnoreCase(host))) {
                throw new ApprovalRefused("plan " + plan.id() + " has no host '" + host + "'");
            }
        }
    }

    /**
     * Refuses a decision that would add nothing: the same admin already made the same decision for every host
     * it names (an earlier one for all hosts covers any). Recorded twice, it would be listed twice in status
     * and in the report as if two people had agreed; distinct approvers are what {@link #requiredApprovals} counts.
     */
    public void checkNotRepeated(Plan plan, Admin admin, Decision decision, List<String> hosts, List<Approval> earlier) {
        List<String> named = hosts.isEmpty() ? null : hosts;
        for (Approval a : earlier) {
            if (!a.planId().equals(plan.id()) || a.decision() != decision || !a.admin().equalsIgnoreCase(admin.name())) {
                continue;
            }
            boolean coversAll = named == null ? a.hosts().isEmpty() : named.stream().allMatch(a::covers);
            if (coversAll) {
                throw new ApprovalRefused(admin.name() + " already " + (decision == Decision.APPROVE ? "approved" : "rejected")
                        + " " + (named == null ? "all hosts" : String.join(", ", named)) + " of plan " + plan.id()
                        + " at " + a.at() + "; nothing was recorded");
            }
        }
    }

    /**
     * Hosts that may be acted on: they need approval, have {@link #requiredApprovals} distinct approvers,
     * nobody rejected them, and the plan has not expired.
     */
    public Set<String> approvedHosts(Plan plan, List<Approval> decisions, Instant now) {
        Set<String> approved = new LinkedHashSet<>();
        if (plan.expiredAt(now)) {
            return approved;
        }
        for (PlannedHost host : plan.hosts()) {
            if (!host.needsApproval()) {
                continue;
            }
            Set<String> approvers = new HashSet<>();
            boolean rejected = false;
            for (Approval a : decisions) {
                if (!a.planId().equals(plan.id()) || !a.covers(host.host())) {
                    continue;
                }
                if (a.decision() == Decision.REJECT) {
                    rejected = true;
                } else if (!(twoPersonRule && a.admin().equalsIgnoreCase(plan.requester()))) {
                    approvers.add(a.admin().toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (!rejected && approvers.size() >= requiredApprovals) {
                approved.add(host.host());
            }
        }
        return approved;
    }
}
