package org.wsusremediator.window;

import java.util.List;
import java.util.Optional;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/**
 * Whether an operator paused a change window: kept as the window's latest WINDOW_PAUSED or WINDOW_RESUMED record in
 * the audit trail (subject {@code window NAME}), so it is durable in the store, survives a restart, and every pause
 * and resume is in the trail with who and why. A paused window's firings are skipped (WINDOW_SUPPRESSED).
 */
public final class WindowPauses {

    public static final String PAUSED = "WINDOW_PAUSED";
    public static final String RESUMED = "WINDOW_RESUMED";

    private WindowPauses() {
    }

    public static String subject(String window) {
        return "window " + window;
    }

    /** The record that paused {@code window}, when its latest pause was not resumed since. */
    public static Optional<AuditRecord> pause(Store store, String window) {
        return store.lastAudit(subject(window), List.of(PAUSED, RESUMED)).filter(r -> PAUSED.equals(r.action()));
    }
}
