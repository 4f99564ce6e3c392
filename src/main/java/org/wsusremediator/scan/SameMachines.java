package org.wsusremediator.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wsusremediator.classify.Action;
import org.wsusremediator.probe.MachineIdentity;

/**
 * Finds inventory entries that reached the same machine, once every host of a scan has reported. The inventory
 * refuses two entries for one address and port, but a DNS alias, a second address or a NAT rule still lead two
 * entries to one machine, and acting on both would install twice on it, concurrently. Only the machine's own
 * identity tells: two hosts with the same MachineGuid are the same machine (or a clone made without sysprep,
 * which a person must sort out as well), and both become NEEDS_REVIEW, naming each other.
 * <p>
 * Where a host's MachineGuid could not be read, its computer name stands in: the same name as another host
 * makes both NEEDS_REVIEW as possibly the same machine (NetBIOS names are unique in a domain; two domains may
 * repeat one, and then a person confirms). A host of which neither was read, or whose probe failed, has nothing
 * to compare and is left as it is; its report shows the identity as unknown.
 */
public final class SameMachines {

    private SameMachines() {
    }

    /** The reports, in the same order, with every host that shares its machine with another one under review. */
    public static List<HostReport> review(List<HostReport> reports) {
        Map<Integer, List<String>> sameAs = new LinkedHashMap<>();
        Map<Integer, String> how = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            for (int j = i + 1; j < reports.size(); j++) {
                String match = match(identity(reports.get(i)), identity(reports.get(j)));
                if (match != null) {
                    sameAs.computeIfAbsent(i, k -> new ArrayList<>()).add(reports.get(j).getName());
                    sameAs.computeIfAbsent(j, k -> new ArrayList<>()).add(reports.get(i).getName());
                    how.putIfAbsent(i, match);
                    how.putIfAbsent(j, match);
                }
            }
        }
        if (sameAs.isEmpty()) {
            return reports;
        }
        List<HostReport> reviewed = new ArrayList<>(reports);
        sameAs.forEach((i, others) -> reviewed.set(i, underReview(reports.get(i), others, how.get(i))));
        return reviewed;
    }

    /** How two identities are the same machine, or null when nothing says they are. */
    static String match(MachineIdentity a, MachineIdentity b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.machineGuid() != null && b.machineGuid() != null) {
            return a.machineGuid().equals(b.machineGuid()) ? "same MachineGuid " + a.machineGuid() : null;
        }
        if (a.computerName() != null && Objects.equals(a.computerName(), b.computerName())) {
            return "same computer name " + a.computerName() + ", MachineGuid not readable on both";
        }
        return null;
    }

    private static MachineIdentity identity(HostReport report) {
        return report.facts() == null ? null : report.facts().machine();
    }

    private static HostReport underReview(HostReport report, List<String> others, String match) {
        boolean certain = match.startsWith("same MachineGuid");
        String reason = (certain ? "same machine as " : "possibly the same machine as ") + String.join(", ", others)
                + " (" + match + "): one machine reached through two inventory entries (a DNS alias, a second address"
                + " or NAT), or a clone made without sysprep; acting on both could change one machine twice. "
                + "Keep one entry per machine" + (report.action() == null ? "" : "; the facts alone say "
                + report.action() + ": " + report.reason());
        return report.withFailure(Action.NEEDS_REVIEW, report.errorCategory(), reason);
    }
}
