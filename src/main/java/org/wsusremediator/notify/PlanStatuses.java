package org.wsusremediator.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;

/** Every plan's status, derived from the store by {@link PlanStatus#of} at a given moment. */
public final class PlanStatuses {

    private PlanStatuses() {
    }

    /** All plans, newest first, with their status at {@code now}, from the decisions as recorded. */
    public static List<PlanState> of(Store store, ApprovalPolicy policy, Instant now) {
        return of(store, policy, Decisions.recorded(store), now);
    }

    /** All plans, newest first, with their status at {@code now}, from the decisions that count. */
    public static List<PlanState> of(Store store, ApprovalPolicy policy, Decisions decisions, Instant now) {
        List<PlanState> out = new ArrayList<>();
        for (Plan plan : store.plans()) {
            out.add(state(store, policy, decisions, plan, now));
        }
        return out;
    }

    /** The plans whose status at {@code now} is {@code status} (the API's {@code ?status=}), newest first. */
    public static List<PlanState> withStatus(Store store, ApprovalPolicy policy, Decisions decisions, PlanStatus status,
            Instant now) {
        return of(store, policy, decisions, now).stream().filter(s -> s.status() == status).toList();
    }

    /** One plan's status at {@code now}; empty when there is no such plan. */
    public static Optional<PlanState> of(Store store, ApprovalPolicy policy, Decisions decisions, String planId,
            Instant now) {
        return store.plan(planId).map(plan -> state(store, policy, decisions, plan, now));
    }

    static PlanState state(Store store, ApprovalPolicy policy, Decisions counted, Plan plan, Instant now) {
        List<Approval> decisions = counted.of(plan);
        List<RunRecord> runs = store.runs().ofPlan(plan.id());
        return new PlanState(plan, PlanStatus.of(plan, policy, decisions, runs, now),
                policy.approvedHosts(plan, decisions, now), decisions, runs);
    }
}
