package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.window.ChangeWindow;

/**
 * Adds the change windows' routes to a started {@code serve}, saying each one's next start. A window that never starts
 * again (a one-off cron already past, or every later start on a blackout date) is said and left out: Quartz refuses a
 * trigger that can never fire, and one such window must not stop the others from being served.
 */
final class ScheduledWindows {

    private ScheduledWindows() {
    }

    /** The windows scheduled (those that start again). */
    static int add(Remediator remediator, List<ChangeWindow> windows, PrintWriter out) throws Exception {
        int scheduled = 0;
        for (ChangeWindow w : windows) {
            Optional<Instant> next = w.nextStart(Instant.now());
            if (next.isEmpty()) {
                out.println("window " + w.name() + ": never starts again (no start of its cron after now, outside its"
                        + " blackout dates): not scheduled");
                continue;
            }
            remediator.addChangeWindow(w.name(), w.cron(), w.timeZone().getId());
            out.println("window " + w.name() + ": next start " + next.get() + " (" + w.timeZone().getId() + "), open "
                    + w.durationText());
            scheduled++;
        }
        return scheduled;
    }
}
