package org.wsusremediator.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;

/**
 * What changed between a plan and the previous plan of the same inventory: per host whether it was added, removed,
 * changed or not, and for a changed host which of action, reason, facts (each fact, old and new), machine identity
 * and facts fingerprint differ. An approver reads it to see why a host now needs (or no longer needs) an action.
 * <p>
 * Hosts are matched by name ignoring case (Windows names do). Facts are compared only where both plans kept them (a
 * host that could not be read, or a plan made before plans kept facts, has none): then {@code factsCompared} is false
 * and only the fingerprints tell whether the facts changed.
 *
 * @param previous the previous plan, or null for the first plan of its inventory (then every host is {@code ADDED})
 * @param hosts    the current plan's hosts in its order, then the removed ones in the previous plan's order
 */
public record PlanChanges(Plan previous, List<HostChange> hosts) {

    public PlanChanges {
        hosts = List.copyOf(hosts);
    }

    public enum Kind { ADDED, REMOVED, CHANGED, UNCHANGED }

    /** One fact that differs; {@code deciding} when the fingerprint covers it (it can change the action). */
    public record FactChange(String fact, Object before, Object after, boolean deciding) {
    }

    /**
     * One host of either plan. For {@code ADDED} only the {@code after} side is set, for {@code REMOVED} only
     * {@code before}.
     */
    public record HostChange(String host, Kind kind, PlannedHost before, PlannedHost after, List<FactChange> facts,
                             boolean factsCompared) {

        public HostChange {
            facts = List.copyOf(facts);
        }

        public boolean actionChanged() {
            return before != null && after != null && before.action() != after.action();
        }

        public boolean reasonChanged() {
            return before != null && after != null && !Objects.equals(before.reason(), after.reason());
        }

        public boolean fingerprintChanged() {
            return before != null && after != null && !Objects.equals(before.fingerprint(), after.fingerprint());
        }

        /**
         * Whether the machine answering for this host is another one (computer name or MachineGuid differ); empty when
         * a side has no facts to tell.
         */
        public Optional<Boolean> identityChanged() {
            if (!factsCompared) {
                return Optional.empty();
            }
            return Optional.of(facts.stream().anyMatch(f -> f.fact().equals("computer_name")
                    || f.fact().equals("machine_guid")));
        }

        public Action actionBefore() {
            return before == null ? null : before.action();
        }

        public Action actionAfter() {
            return after == null ? null : after.action();
        }
    }

    /** The changes from {@code previous} (null: none, the first plan of its inventory) to {@code current}. */
    public static PlanChanges between(Plan previous, Plan current) {
        Map<String, PlannedHost> before = new LinkedHashMap<>();
        if (previous != null) {
            previous.hosts().forEach(h -> before.putIfAbsent(key(h.host()), h));
        }
        List<HostChange> hosts = new ArrayList<>();
        for (PlannedHost now : current.hosts()) {
            PlannedHost then = before.remove(key(now.host()));
            hosts.add(then == null ? new HostChange(now.host(), Kind.ADDED, null, now, List.of(), false)
                    : compare(then, now));
        }
        before.values().forEach(then -> hosts.add(new HostChange(then.host(), Kind.REMOVED, then, null, List.of(), false)));
        return new PlanChanges(previous, hosts);
    }

    /**
     * The previous plan of {@code current}: the newest plan of the same inventory made before it. {@code newestFirst}
     * is every stored plan in the store's order (newest first, ties by id), so equal times are ordered as listed.
     */
    public static Optional<Plan> previousOf(Plan current, List<Plan> newestFirst) {
        boolean after = false;
        for (Plan p : newestFirst) {
            if (after && p.inventory().equals(current.inventory()) && !p.createdAt().isAfter(current.createdAt())) {
                return Optional.of(p);
            }
            after |= p.id().equals(current.id());
        }
        return Optional.empty();
    }

    public int count(Kind kind) {
        return (int) hosts.stream().filter(h -> h.kind() == kind).count();
    }

    private static HostChange compare(PlannedHost then, PlannedHost now) {
        List<FactChange> facts = new ArrayList<>();
        boolean compared = then.facts() != null && now.facts() != null;
        if (compared) {
            for (Map.Entry<String, Object> fact : now.facts().values().entrySet()) {
                Object old = then.facts().values().get(fact.getKey());
                if (!Objects.equals(old, fact.getValue())) {
                    facts.add(new FactChange(fact.getKey(), old, fact.getValue(), FactSheet.deciding(fact.getKey())));
                }
            }
        }
        boolean changed = then.action() != now.action() || !Objects.equals(then.reason(), now.reason())
                || !Objects.equals(then.fingerprint(), now.fingerprint()) || !facts.isEmpty();
        return new HostChange(now.host(), changed ? Kind.CHANGED : Kind.UNCHANGED, then, now, facts, compared);
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
