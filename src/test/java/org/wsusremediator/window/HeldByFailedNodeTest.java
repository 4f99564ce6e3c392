package org.wsusremediator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.RunRecord;

/**
 * A recovered firing takes over the runs the failed node left RUNNING even when every host of their plan is settled
 * (CI of stop 22 and 23: the live nodes finished the dead owner's shared wave, "0 plan(s) due", and the dead run stayed
 * RUNNING for ever).
 */
class HeldByFailedNodeTest {

    private static final Instant T = Instant.parse("2026-12-07T16:05:00Z");

    private static Plan plan(String id, int minute) {
        return new Plan(id, "alice", T.plusSeconds(60L * minute), T.plusSeconds(86_400), "inv.yaml", List.of());
    }

    private static RunRecord run(String plan, String status, String node) {
        return new RunRecord("run-" + plan, plan, "window w", "remediator", T, null, T, null, status, null, 1L,
                Duration.ofSeconds(4), null, node);
    }

    @Test
    void aPlanWhoseRunTheFailedNodeLeftRunningIsStartedThoughNothingIsDue() {
        Plan due = plan("p-due", 2);
        Plan held = plan("p-held", 1);
        Plan finished = plan("p-finished", 0);
        Plan live = plan("p-live", 3);
        Plan mine = plan("p-mine", 4);
        Map<String, List<RunRecord>> runs = Map.of(
                "p-held", List.of(run("p-held", "RUNNING", "vm:1:1")),
                "p-finished", List.of(run("p-finished", "FINISHED", "vm:1:1")),
                "p-live", List.of(run("p-live", "RUNNING", "vm:3:3")),
                "p-mine", List.of(run("p-mine", "RUNNING", "vm:2:2")));

        List<Plan> started = HeldByFailedNode.add(List.of(due), List.of(finished, held, due, live, mine),
                id -> runs.getOrDefault(id, List.of()), "vm:2:2", "vm:1:1");

        assertThat(started).extracting(Plan::id).as("the failed node's run only, oldest plan first")
                .containsExactly("p-held", "p-due");
    }

    @Test
    void onASingleNodeAnyRunningRunOfAnotherProcessIsTheCrashedOnes() {
        Plan held = plan("p-held", 1);
        List<Plan> started = HeldByFailedNode.add(List.of(), List.of(held),
                id -> List.of(run("p-held", "RUNNING", "host:41:7")), "host:99:8", WindowScheduler.SINGLE_NODE_INSTANCE);
        assertThat(started).extracting(Plan::id).containsExactly("p-held");
        assertThat(HeldByFailedNode.add(List.of(), List.of(held), id -> List.of(run("p-held", "RUNNING", "host:99:8")),
                "host:99:8", WindowScheduler.SINGLE_NODE_INSTANCE)).as("this process's own run").isEmpty();
    }
}
