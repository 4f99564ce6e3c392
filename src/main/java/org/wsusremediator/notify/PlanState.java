package org.wsusremediator.notify;

import java.util.List;
import java.util.Set;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.RunRecord;

/**
 * A plan with everything its status was decided from, read once: what {@code status} prints and the API serves.
 *
 * @param approvedHosts the hosts that may be acted on now (none once it has expired)
 * @param decisions     its approvals and rejections, oldest first
 * @param runs          its runs, oldest first
 */
public record PlanState(Plan plan, PlanStatus status, Set<String> approvedHosts, List<Approval> decisions,
                        List<RunRecord> runs) {

    public PlanState {
        approvedHosts = Set.copyOf(approvedHosts);
        decisions = List.copyOf(decisions);
        runs = List.copyOf(runs);
    }
}
