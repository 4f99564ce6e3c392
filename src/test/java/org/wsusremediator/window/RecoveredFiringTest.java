package org.wsusremediator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.wsusremediator.store.RunRecord;

/**
 * A firing Quartz re-executes for a failed node is known by its recovery trigger (Quartz's JobStoreSupport.clusterRecover
 * names it recover_<instance>_<n> in group RECOVERING_JOBS and puts the original times in its job data), and the window
 * counts its end from the original start. A recovered firing waits for a dead run's lease, not for a live one of its own.
 */
class RecoveredFiringTest {

    private static final Instant DUE = Instant.parse("2026-12-07T09:00:00Z");
    private static final String NODE = "wsus-a.corp.local:4711:1765096429000";

    @Test
    void aRecoveryTriggerGivesTheFailedNodeAndTheOriginalScheduledStart() {
        Map<String, Object> data = Map.of(
                Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS, Long.toString(DUE.toEpochMilli()),
                Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS, Long.toString(DUE.toEpochMilli() + 40));
        assertThat(RecoveredFiring.of(Scheduler.DEFAULT_RECOVERY_GROUP, "recover_" + NODE + "_1765097000123", data))
                .contains(new RecoveredFiring(NODE, DUE));
        // Without the scheduled time, the time the failed node fired it.
        assertThat(RecoveredFiring.of(Scheduler.DEFAULT_RECOVERY_GROUP, "recover_" + NODE + "_7", Map.of(
                Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS, Long.toString(DUE.toEpochMilli() + 40))))
                .contains(new RecoveredFiring(NODE, DUE.plusMillis(40)));
    }

    @Test
    void anOrdinaryFiringIsNoRecovery() {
        assertThat(RecoveredFiring.of("windows", "sat", Map.of())).isEmpty();
        assertThat(RecoveredFiring.of("windows", "sat", Map.of(
                Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS, "1"))).isEmpty();
        assertThat(RecoveredFiring.of(Scheduler.DEFAULT_RECOVERY_GROUP, "recover_x_1", null)).isEmpty();
        assertThat(RecoveredFiring.of(Scheduler.DEFAULT_RECOVERY_GROUP, "recover_x_1", Map.of(
                Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS, "not a number"))).isEmpty();
    }

    @Test
    void theWindowEndsAtTheOriginalStartPlusItsDuration() {
        ChangeWindow window = new ChangeWindow("sat", "0 0 9 ? * MON", Duration.ofMinutes(30),
                java.time.ZoneId.of("UTC"), java.util.Set.of());
        RecoveredFiring recovered = RecoveredFiring.of(Scheduler.DEFAULT_RECOVERY_GROUP, "recover_" + NODE + "_1",
                Map.of(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS,
                        Long.toString(DUE.toEpochMilli()))).orElseThrow();
        assertThat(window.endOf(recovered.originalStart())).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    }

    @Test
    void aDeadNodesLeaseIsWaitedOutAndNothingElse() {
        Instant now = Instant.parse("2026-12-07T09:05:00Z");
        RunRecord dead = run("run-a", NODE, "RUNNING", now.minusSeconds(10), Duration.ofSeconds(30));
        assertThat(LeaseWait.takeoverAt(List.of(dead), "me:1:2", now))
                .contains(now.plusSeconds(20).plus(LeaseWait.MARGIN));
        // Expired already: no wait (the journal takes it over at once).
        assertThat(LeaseWait.takeoverAt(List.of(run("run-a", NODE, "RUNNING", now.minusSeconds(40),
                Duration.ofSeconds(30))), "me:1:2", now)).isEmpty();
        // This process's own run, or one no longer RUNNING: nothing to wait for.
        assertThat(LeaseWait.takeoverAt(List.of(run("run-a", "me:1:2", "RUNNING", now, Duration.ofSeconds(30))),
                "me:1:2", now)).isEmpty();
        assertThat(LeaseWait.takeoverAt(List.of(run("run-a", NODE, "FINISHED", now, Duration.ofSeconds(30))),
                "me:1:2", now)).isEmpty();
        // A lease a row claims beyond the journal's cap is honoured only up to the cap.
        assertThat(LeaseWait.takeoverAt(List.of(run("run-a", NODE, "RUNNING", now, Duration.ofDays(3))), "me:1:2", now))
                .contains(now.plus(org.wsusremediator.store.RunJournal.LONGEST_LEASE).plus(LeaseWait.MARGIN));
    }

    private static RunRecord run(String id, String node, String status, Instant heartbeat, Duration lease) {
        return new RunRecord(id, "p-1", "window sat", "remediator", heartbeat.minusSeconds(60), null, heartbeat, null,
                status, null, 1L, lease, null, node);
    }
}
