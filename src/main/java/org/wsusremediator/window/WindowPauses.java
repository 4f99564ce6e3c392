package org.wsusremediator.window;

import java.util.List;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.AuditSnapshot;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.Store;

/**
 * Whether an operator paused a change window: kept as the window's latest WINDOW_PAUSED or WINDOW_RESUMED record in
 * the audit trail (subject {@code window NAME}), so it is durable in the store, survives a restart, and every pause
 * and resume is in the trail with who and why. A paused window's firings are skipped (WINDOW_SUPPRESSED).
 *
 * <p>Read from the verified trail only, since whoever can write to the database could otherwise resume a window by
 * inserting a row, or by deleting the pause. The trail must verify (chain, head, the heads anchored outside the
 * database); if it does not, every window is treated as paused, since a deleted pause cannot be told from no pause.
 * A resume counts only when its own record was anchored with the server key by the server that appended it: the
 * SHA-256 chain alone lets a database writer append a well-chained WINDOW_RESUMED. A pause counts whether anchored or
 * not: a forged one can only stop runs, and an operator's resume undoes it.
 */
public final class WindowPauses {

    public static final String PAUSED = "WINDOW_PAUSED";
    public static final String RESUMED = "WINDOW_RESUMED";

    private WindowPauses() {
    }

    public static String subject(String window) {
        return "window " + window;
    }

    /**
     * A window's pause as the verified audit trail has it.
     *
     * @param pausedBy the record that paused the window and was not resumed since by a record that counts; null if none
     * @param problem  why the trail cannot be relied on (then the window is treated as paused), or why a resume was
     *                 not counted; null when neither
     */
    public record Pause(AuditRecord pausedBy, String problem, boolean trailVerified) {

        /** Whether runs must not start in this window: paused by someone, or the trail cannot tell. */
        public boolean paused() {
            return pausedBy != null || !trailVerified;
        }

        /** In a sentence, for the scheduler's output and audit records: who paused it, or why it counts as paused. */
        public String why() {
            if (!trailVerified) {
                return "treated as paused: " + problem;
            }
            return pausedBy == null ? "not paused" : "paused by " + pausedBy.actor() + " (audit record "
                    + pausedBy.seq() + ")" + (problem == null ? "" : "; " + problem);
        }
    }

    /** The pause of {@code window}, from the audit trail as it verifies now. */
    public static Pause of(Store store, String window) {
        return of(store.auditSnapshot(), window);
    }

    static Pause of(AuditSnapshot trail, String window) {
        AuditVerification v = trail.verification();
        if (!v.intact()) {
            return new Pause(null, "the audit trail does not verify (record " + v.firstBadSeq() + ": " + v.problem()
                    + "), so whether window " + window + " was paused or resumed cannot be relied on; run 'remediator"
                    + " audit verify'", false);
        }
        String subject = subject(window);
        String ignored = null;
        List<AuditRecord> records = trail.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            AuditRecord r = records.get(i);
            if (!subject.equals(r.subject())) {
                continue;
            }
            if (PAUSED.equals(r.action())) {
                return new Pause(r, ignored, true);
            }
            if (RESUMED.equals(r.action())) {
                if (trail.anchored(r)) {
                    return new Pause(null, null, true);
                }
                ignored = ignored != null ? ignored : "resume record " + r.seq() + " was not anchored with the server"
                        + " key (written into the database, or its anchoring failed) and does not count";
            }
        }
        return new Pause(null, ignored, true);
    }
}
