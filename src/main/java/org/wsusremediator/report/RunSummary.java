package org.wsusremediator.report;

import java.io.PrintWriter;
import org.wsusremediator.apply.HostRun;
import org.wsusremediator.apply.RunReport;

/**
 * A run of a plan for the console, laid out like {@link RemediationSummary#printOutcomes}: a line per host,
 * the counts that are not zero, then how the run ended. Irreversible installs are always marked. Text from hosts
 * and admins goes through {@link Printable}.
 */
public final class RunSummary {

    private RunSummary() {
    }

    public static void print(RunReport report, PrintWriter out) {
        for (HostRun h : report.hosts()) {
            // KB954960 cannot be uninstalled short of removing WSUS: the reader must see which hosts have it.
            String mark = h.irreversible() ? "IRREVERSIBLE" : "";
            out.printf("%-22s %-19s %-12s %s%n", Printable.line(h.host()), h.state(), mark, Printable.line(h.reason()));
        }
        out.println();
        report.getCounts().forEach((state, n) -> {
            if (n > 0) {
                out.printf("  %-20s %d%n", state, n);
            }
        });
        out.printf("Run %s of plan %s: %s%n", Printable.line(report.runId()), Printable.line(report.planId()), Printable.line(report.status()));
        // Same rule as the HTML page, so the two views never disagree on whether the run was aborted.
        if (RunReportPage.aborted(report)) {
            out.println("  aborted: " + (report.abortReason() == null ? "no reason was recorded" : Printable.line(report.abortReason())));
        }
    }
}
