package org.wsusremediator.notify;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.RunRecord;

/**
 * A plan's status as the admins see it: before any run, what its approvals and expiry make of it; once run, the
 * status of its last run as the run journal has it.
 */
public enum PlanStatus {
    /** Needs approval (not enough approvers yet) and has not expired. */
    PENDING,
    /** At least one host is approved and the plan has not expired: a window or {@code apply --now} may run it. */
    APPROVED,
    /** Every host that needed approval was rejected: nothing will run, whatever its expiry. */
    REJECTED,
    /** Its expiry passed before it ran: an expired plan approves nothing (docs/approvals.md), make a new one. */
    EXPIRED,
    /** No host of it needs approval (all compliant, not affected, …): nothing to approve or run, ever. */
    NO_ACTION,
    /** A run of it is journaled RUNNING (or its process died and no later run has found that out yet). */
    RUNNING,
    /** The run journal's words for how its last run ended (RunRecord#status). */
    FINISHED, WINDOW_CLOSED, ABORTED, INTERRUPTED, SUPERSEDED;

    /** Whether this is the status of a plan that was run (the journal's words) rather than of its consent. */
    public boolean ran() {
        return ordinal() >= RUNNING.ordinal();
    }

    /**
     * The rule, in one place: {@code status}, the expiry sweep, the events and the API all call this.
     *
     * @param decisions the plan's approvals and rejections as recorded
     * @param runs      the plan's runs as journaled (any order)
     */
    public static PlanStatus of(Plan plan, ApprovalPolicy policy, List<Approval> decisions, List<RunRecord> runs,
            Instant now) {
        if (runs.stream().anyMatch(r -> "RUNNING".equals(r.status()))) {
            return RUNNING;
        }
        RunRecord last = runs.stream().max(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::id))
                .orElse(null);
        if (last != null) {
            return ranAs(last.status());
        }
        if (plan.hosts().stream().noneMatch(PlannedHost::needsApproval)) {
            return NO_ACTION;
        }
        if (allRejected(plan, decisions)) {
            return REJECTED;
        }
        if (plan.expiredAt(now)) {
            return EXPIRED;
        }
        return policy.approvedHosts(plan, decisions, now).isEmpty() ? PENDING : APPROVED;
    }

    /**
     * The hosts that were approved just before the plan expired (the policy approves nothing after), for the
     * PLAN_EXPIRED record: "expired unapproved" and "approved but never run" are both EXPIRED, and tell apart here.
     */
    public static Set<String> approvedBeforeExpiry(Plan plan, ApprovalPolicy policy, List<Approval> decisions) {
        return policy.approvedHosts(plan, decisions, plan.expiresAt().minus(1, ChronoUnit.MICROS));
    }

    private static PlanStatus ranAs(String runStatus) {
        try {
            PlanStatus status = valueOf(runStatus);
            return status.ran() ? status : FINISHED;
        } catch (IllegalArgumentException | NullPointerException unknownWord) {
            // A status a newer remediator journals: the plan ran, which is what matters here.
            return FINISHED;
        }
    }

    /** Every host that needed approval has a rejection covering it (and there was at least one such host). */
    static boolean allRejected(Plan plan, List<Approval> decisions) {
        List<PlannedHost> needing = plan.hosts().stream().filter(PlannedHost::needsApproval).toList();
        return !needing.isEmpty() && needing.stream().allMatch(h -> decisions.stream().anyMatch(
                a -> a.decision() == Decision.REJECT && a.planId().equals(plan.id()) && a.covers(h.host())));
    }
}
