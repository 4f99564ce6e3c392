package org.wsusremediator.report;

import java.io.PrintWriter;
import java.util.Map;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * The human-readable side of a scan report: a table of hosts, then the counts an admin looks for first.
 * Every value a host reported goes through {@link Printable}.
 */
public final class ConsoleSummary {

    private static final String ROW = "%-22s %-21s %-13s %-13s %-9s %-4s %-14s %s%n";
    private static final int REASON_WIDTH = 110;

    private ConsoleSummary() {
    }

    public static void print(ScanReport report, PrintWriter out, boolean withTable) {
        if (withTable) {
            out.printf(ROW, "HOST", "ADDRESS", "WSUS", "DLL", "OS", "ARCH", "ACTION", "REASON");
            for (HostReport h : report.hosts()) {
                Facts f = h.facts();
                out.printf(ROW, Printable.line(h.getName()), Printable.line(h.getAddress() + ":" + h.getPort()),
                        f == null || f.versionString() == null ? "-" : Printable.line(f.versionString()),
                        f == null || f.dllVersion() == null ? "-" : Printable.line(f.dllVersion()),
                        f == null || f.osVersion() == null ? "-" : Printable.line(f.osVersion()),
                        f == null || f.architecture() == null ? "-" : f.architecture().label(),
                        h.action(), clip(Printable.line(reasonOf(h))));
            }
            out.println();
        }
        out.printf("%d hosts scanned in %.1f s%n", report.getHostCount(), report.getDurationMillis() / 1000.0);
        for (Map.Entry<Action, Long> e : report.getActions().entrySet()) {
            if (e.getValue() > 0) {
                out.printf("  %-15s %d%n", e.getKey(), e.getValue());
            }
        }
        if (!report.getRestartPending().isEmpty()) {
            out.printf("restart pending on %d host(s): %s%n", report.getRestartPending().size(),
                    Printable.line(String.join(", ", report.getRestartPending())));
        }
        Map<ErrorCategory, Long> errors = report.getErrors();
        if (!errors.isEmpty()) {
            out.println("failures by category:");
            errors.forEach((category, count) -> out.printf("  %-15s %d%n", category, count));
        }
    }

    /** The reason, after the error category if any and a pending restart, which an admin must see before acting. */
    private static String reasonOf(HostReport h) {
        String reason = h.reason() == null ? "" : h.reason();
        String restart = h.getRestartPending() == null ? "" : "[" + h.getRestartPending() + "] ";
        return h.errorCategory() == null ? restart + reason : "[" + h.errorCategory() + "] " + restart + reason;
    }

    private static String clip(String text) {
        return text.length() <= REASON_WIDTH ? text : text.substring(0, REASON_WIDTH - 3) + "...";
    }
}
