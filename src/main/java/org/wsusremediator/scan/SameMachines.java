package org.wsusremediator.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
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

    /**
     * The reports, in the same order, with every host that shares its machine with another one under review.
     * Hosts are grouped by MachineGuid and by computer name, so a fleet of thousands is not compared pair by pair.
     */
    public static List<HostReport> review(List<HostReport> reports) {
        Map<String, List<Integer>> byGuid = new HashMap<>();
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            MachineIdentity identity = identity(reports.get(i));
            if (identity == null) {
                continue;
            }
            if (identity.machineGuid() != null) {
                byGuid.computeIfAbsent(identity.machineGuid(), k -> new ArrayList<>()).add(i);
            }
            if (identity.computerName() != null) {
                byName.computeIfAbsent(identity.computerName(), k -> new ArrayList<>()).add(i);
            }
        }
        List<HostReport> reviewed = null;
        for (int i = 0; i < reports.size(); i++) {
            MachineIdentity identity = identity(reports.get(i));
            if (identity == null) {
                continue;
            }
            SortedSet<Integer> candidates = new TreeSet<>();
            candidates.addAll(byGuid.getOrDefault(identity.machineGuid(), List.of()));
            candidates.addAll(byName.getOrDefault(identity.computerName(), List.of()));
            candidates.remove(i);
            List<String> others = new ArrayList<>();
            String how = null;
            for (int j : candidates) {
                String match = match(identity, identity(reports.get(j)));
                if (match != null) {
                    others.add(reports.get(j).getName());
                    how = how == null ? match : how;
                }
            }
            if (!others.isEmpty()) {
                reviewed = reviewed == null ? new ArrayList<>(reports) : reviewed;
                reviewed.set(i, underReview(reports.get(i), others, how));
            }
        }
        return reviewed == null ? reports : reviewed;
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
