package org.wsusremediator.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.RunRecord;

/**
 * The plans a recovered window firing starts even when none of their hosts is left to do: those whose run the failed
 * node left RUNNING. The live nodes that claimed the hosts of its shared waves may settle every host after the owner
 * died (their claims stay valid until the run is taken over); with nothing due, no run of the plan started, nobody took
 * the dead run over, and it stayed RUNNING for ever, without its report. Starting the plan takes it over (INTERRUPTED);
 * the new run finds every host settled, acts on none, and reports them.
 */
final class HeldByFailedNode {

    private HeldByFailedNode() {
    }

    /**
     * {@code due} plus the plans with a run RUNNING under {@code failedNode} (on a single node, whose Quartz names
     * itself {@link WindowScheduler#SINGLE_NODE_INSTANCE}: under any process but this one), oldest plan first.
     */
    static List<Plan> add(List<Plan> due, List<Plan> plans, Function<String, List<RunRecord>> runsOfPlan,
            String thisNode, String failedNode) {
        Set<String> already = due.stream().map(Plan::id).collect(Collectors.toSet());
        List<Plan> out = new ArrayList<>(due);
        for (Plan plan : plans) {
            if (already.contains(plan.id())) {
                continue;
            }
            boolean held = runsOfPlan.apply(plan.id()).stream().anyMatch(r -> "RUNNING".equals(r.status())
                    && r.node() != null && !r.node().equals(thisNode)
                    && (r.node().equals(failedNode) || WindowScheduler.SINGLE_NODE_INSTANCE.equals(failedNode)));
            if (held) {
                out.add(plan);
            }
        }
        out.sort(Comparator.comparing(Plan::createdAt));
        return out;
    }
}
