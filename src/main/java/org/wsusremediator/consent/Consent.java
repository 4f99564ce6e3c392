package org.wsusremediator.consent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.RunPermission;

/**
 * What the consent to a plan is worth after its seals were checked.
 *
 * @param problems   what did not verify (plan content or expiry edited, a decision inserted, edited or deleted, the
 *                   chain broken); any problem voids every decision of the plan: nothing of it may run
 * @param authentic  the decisions that verify, in order: sealed rows, and sealed decisions the audit trail has
 *                   even when their row was deleted (a deleted rejection still rejects); none if the plan does not verify
 * @param counted    of those, the ones the run's admin directory lets count: every rejection, and approvals by
 *                   admins it names as approvers, identified as it would identify them
 * @param notCounted why the others do not count, one sentence each
 */
public record Consent(Plan plan, List<String> problems, List<Approval> authentic, List<Approval> counted,
                      List<String> notCounted) {

    public Consent {
        problems = List.copyOf(problems);
        authentic = List.copyOf(authentic);
        counted = List.copyOf(counted);
        notCounted = List.copyOf(notCounted);
    }

    public boolean verified() {
        return problems.isEmpty();
    }

    /** Why nothing of the plan may run, in one sentence; null when it verified. */
    public String refusal() {
        return verified() ? null : "the consent to plan " + plan.id() + " does not verify: " + String.join("; ", problems);
    }

    /** The hosts that may run at {@code at}: none when anything did not verify. */
    public RunPermission permission(ApprovalPolicy policy, Instant at) {
        return verified() ? RunPermission.of(plan, policy, counted, at) : new RunPermission(plan, at, Set.of());
    }
}
