package org.wsusremediator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wsusremediator.store.AuditHead;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.AuditSnapshot;
import org.wsusremediator.store.AuditVerification;

/** A window's pause from the verified trail: what counts, what does not, and what a broken trail means. */
class WindowPausesTest {

    private final List<AuditRecord> records = new ArrayList<>();
    private final Set<AuditHead> anchored = new HashSet<>();

    private AuditRecord record(String action, String subject, boolean anchor) {
        long seq = records.size() + 1;
        AuditRecord r = new AuditRecord(seq, Instant.EPOCH.plusSeconds(seq), "carol", action, subject, "{}", "p" + seq,
                "h" + seq);
        records.add(r);
        if (anchor) {
            anchored.add(new AuditHead(seq, "h" + seq));
        }
        return r;
    }

    private WindowPauses.Pause pause(boolean intact) {
        AuditVerification v = intact ? new AuditVerification(true, records.size(), null, null)
                : new AuditVerification(false, 1, 2L, "record 2 is missing");
        return WindowPauses.of(new AuditSnapshot(records, v, anchored), "w");
    }

    @Test
    void theLatestAnchoredRecordDecides() {
        assertThat(pause(true).paused()).isFalse();
        AuditRecord paused = record(WindowPauses.PAUSED, "window w", true);
        record(WindowPauses.PAUSED, "window other", true);
        assertThat(pause(true).pausedBy()).isEqualTo(paused);
        record(WindowPauses.RESUMED, "window w", true);
        assertThat(pause(true).paused()).isFalse();
    }

    @Test
    void aResumeNotAnchoredWithTheServerKeyDoesNotCountAndSaysSo() {
        AuditRecord paused = record(WindowPauses.PAUSED, "window w", true);
        AuditRecord forged = record(WindowPauses.RESUMED, "window w", false);
        WindowPauses.Pause p = pause(true);
        assertThat(p.paused()).isTrue();
        assertThat(p.pausedBy()).isEqualTo(paused);
        assertThat(p.problem()).contains("resume record " + forged.seq()).contains("not anchored");
    }

    @Test
    void aPauseCountsAnchoredOrNot() {
        record(WindowPauses.RESUMED, "window w", true);
        record(WindowPauses.PAUSED, "window w", false);
        assertThat(pause(true).paused()).isTrue();
    }

    @Test
    void aTrailThatDoesNotVerifyLeavesEveryWindowPaused() {
        record(WindowPauses.RESUMED, "window w", true);
        WindowPauses.Pause p = pause(false);
        assertThat(p.paused()).isTrue();
        assertThat(p.trailVerified()).isFalse();
        assertThat(p.pausedBy()).isNull();
        assertThat(p.why()).startsWith("treated as paused: the audit trail does not verify (record 2: record 2 is missing)");
    }
}
