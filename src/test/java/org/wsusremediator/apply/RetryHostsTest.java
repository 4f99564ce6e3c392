package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsusremediator.store.HostStateRecord;

/** Which hosts a retry of a run starts again, and from what: the journal decides, never the failure alone. */
class RetryHostsTest {

    private final List<HostStateRecord> journal = new ArrayList<>();

    private void state(String run, String host, HostState state) {
        journal.add(new HostStateRecord(host, state.name(), "", Instant.EPOCH.plusSeconds(journal.size()), run, 1));
    }

    @Test
    void onlyTheHostsTheRunLeftFailedAreRetried() {
        state("run-1", "ok", HostState.IN_FLIGHT);
        state("run-1", "ok", HostState.REMEDIATED);
        state("run-1", "refused", HostState.NOT_APPROVED);
        state("run-1", "drifted", HostState.DRIFTED);
        state("run-1", "aborted", HostState.ABORTED);
        state("run-1", "deferred", HostState.DEFERRED);
        state("run-1", "failed", HostState.IN_FLIGHT);
        state("run-1", "failed", HostState.FAILED);
        state("run-1", "review", HostState.NEEDS_REVIEW);
        state("run-1", "unverified", HostState.FAILED_VERIFICATION);
        assertThat(RetryHosts.of("run-1", journal)).containsOnlyKeys("failed", "review", "unverified");
    }

    @Test
    void aHostThatMayHaveChangedIsRetriedAsCrashRecoveryWouldNeverAfresh() {
        state("run-1", "acting", HostState.ACTING);
        state("run-1", "acting", HostState.UNKNOWN);
        state("run-1", "acted", HostState.ACTING);
        state("run-1", "acted", HostState.ACTED);
        state("run-1", "acted", HostState.UNKNOWN);
        state("run-1", "fresh", HostState.IN_FLIGHT);
        state("run-1", "fresh", HostState.FAILED);
        Map<String, HostState> retried = RetryHosts.of("run-1", journal);
        assertThat(retried).containsEntry("acting", HostState.ACTING).containsEntry("acted", HostState.ACTED)
                .containsEntry("fresh", null);
    }

    @Test
    void anEarlierRunsChangeCountsTooAndALaterRunTakesItsHostsOver() {
        state("run-0", "h", HostState.ACTED); // a crashed run ran the installer
        state("run-1", "h", HostState.ACTED);
        state("run-1", "h", HostState.FAILED_VERIFICATION);
        state("run-1", "taken", HostState.FAILED);
        state("run-2", "taken", HostState.FAILED); // a retry of run-1 failed it again: retry run-2, not run-1
        assertThat(RetryHosts.of("run-1", journal)).containsOnlyKeys("h").containsEntry("h", HostState.ACTED);
        assertThat(RetryHosts.of("run-2", journal)).containsOnlyKeys("taken");
        assertThat(RetryHosts.of("run-9", journal)).isEmpty();
    }
}
