package org.wsusremediator.report;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.host.ScanReport;

/**
 * What remediation is about to do and what it did, for the console. Irreversible changes are always marked.
 * Text from hosts goes through {@link Printable}.
 */
public final class RemediationSummary {

    private RemediationSummary() {
    }

    public static void printPlan(List<HostReport> actionable, PrintWriter out) {
        out.println("Plan (" + actionable.size() + " hosts):");
        for (HostReport h : actionable) {
            // DOMAIN.md: KB954960 cannot be uninstalled short of removing WSUS.
            String mark = h.action() == Action.INSTALL_KB ? "IRREVERSIBLE" : "";
            out.printf("  %-22s %-15s %-12s %s%n", Printable.line(h.getName()), h.action(), mark, Printable.line(h.nextStep()));
        }
        if (actionable.stream().anyMatch(h -> h.action() == Action.INSTALL_KB)) {
            out.println("  IRREVERSIBLE: KB954960 cannot be uninstalled (only by uninstalling WSUS).");
        }
    }

    public static void printOutcomes(ScanReport report, PrintWriter out) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (HostReport h : report.hosts()) {
            RemediationResult r = h.remediation();
            String outcome = r == null ? String.valueOf(h.action()) : r.outcome().name();
            String why = r == null ? h.reason() : r.reason();
            String mark = r != null && r.irreversible() ? "IRREVERSIBLE" : "";
            out.printf("%-22s %-19s %-12s %s%n", Printable.line(h.getName()), outcome, mark, Printable.line(why));
            if (r != null) {
                counts.merge(r.outcome(), 1, Integer::sum);
            }
        }
        out.println();
        counts.forEach((o, n) -> out.printf("  %-20s %d%n", o, n));
    }

    /** Every acted-on host ended in a proven state (or needed nothing any more). */
    public static boolean allProven(ScanReport report) {
        return report.hosts().stream().allMatch(h -> h.remediation() != null && switch (h.remediation().outcome()) {
            case REMEDIATED, VERIFIED, FLAGGED, NO_CHANGE -> true;
            default -> false;
        });
    }
}
