package org.wsusremediator.report;

import java.io.PrintStream;
import org.wsusremediator.apply.HostRun;
import org.wsusremediator.apply.RunReport;

/**
 * A run of a plan for the console, laid out like {@link RemediationSummary#printOutcomes}: a line per host,
 * the counts that are not zero, then how the run ended. Irreversible installs are always marked.
 */
public final class RunSummary {

    private RunSummary() {
    }

    public static void print(RunReport report, PrintStream out) {
        for (HostRun h : report.hosts()) {
            // KB954960 cannot be uninstalled short of removing WSUS: the reader must see which hosts have it.
            String mark = h.irreversible() ? "IRREVERSIBLE" : "";
            out.printf("%-22s %-19s %-12s %s%n", h.host(), h.state(), mark, h.reason() == null ? "" : h.reason());
        }
        out.println();
        report.getCounts().forEach((state, n) -> {
            if (n > 0) {
                out.printf("  %-20s %d%n", state, n);
            }
        });
        out.printf("Run %s of plan %s: %s%n", report.runId(), report.planId(), report.status());
        // Same rule as the HTML page, so the two views never disagree on whether the run was aborted.
        if (RunReportPage.aborted(report)) {
            out.println("  aborted: " + (report.abortReason() == null ? "no reason was recorded" : report.abortReason()));
        }
    }
}
