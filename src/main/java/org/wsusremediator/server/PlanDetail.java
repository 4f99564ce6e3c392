package org.wsusremediator.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanChanges;
import org.wsusremediator.plan.PlanChanges.HostChange;
import org.wsusremediator.plan.PlannedHost;

/**
 * The parts of a plan's detail that explain its actions, as the API writes them (docs/server.md, "Plan detail"): each
 * host's facts as the probe read them with the machine's identity, and what changed since the previous plan of the
 * same inventory. The issue 13 console shows exactly this: names are snake_case and every key is always present (null
 * when there is nothing to say), so a reader never has to guess whether a key was left out.
 */
final class PlanDetail {

    private PlanDetail() {
    }

    /**
     * The facts that decided {@code h}'s action: {@code identity} (computer name, MachineGuid), {@code facts} (every
     * fact the probe read), and {@code facts_match_fingerprint}: whether the kept facts still give the fingerprint the
     * approval binds (false: the facts row was edited after the plan was made, do not believe it). All three are null
     * when no facts were kept (the host could not be read, or the plan was made before plans kept facts).
     */
    static void putFacts(Map<String, Object> host, PlannedHost h) {
        FactSheet facts = h.facts();
        host.put("identity", facts == null ? null : identity(facts));
        host.put("facts", facts == null ? null : facts.values());
        host.put("facts_match_fingerprint", facts == null ? null : facts.matches(h.fingerprint()));
    }

    /** What kind of change {@code host} is since the previous plan: added, changed or unchanged. */
    static String change(PlanChanges changes, String host) {
        return changes.hosts().stream().filter(c -> c.host().equals(host) && c.after() != null).findFirst()
                .map(c -> word(c.kind())).orElse(null);
    }

    /**
     * {@code previous_plan} (null for the first plan of its inventory: {@code first_plan} true), the number of hosts
     * per kind of change, and every host that was added, removed or changed with what changed: {@code action},
     * {@code reason} and {@code fingerprint} as {from, to} when they differ (else null), {@code identity_changed}
     * (null when a side kept no facts), {@code facts_compared} and {@code facts}: each fact that differs, from and to,
     * and whether it is {@code deciding} (covered by the fingerprint, so it can change the action).
     */
    static Map<String, Object> changes(PlanChanges changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        Plan previous = changes.previous();
        m.put("first_plan", previous == null);
        if (previous == null) {
            m.put("previous_plan", null);
        } else {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", previous.id());
            p.put("created_at", previous.createdAt().toString());
            p.put("requester", previous.requester());
            m.put("previous_plan", p);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        for (PlanChanges.Kind kind : PlanChanges.Kind.values()) {
            counts.put(word(kind), changes.count(kind));
        }
        m.put("counts", counts);
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (HostChange c : changes.hosts()) {
            if (c.kind() != PlanChanges.Kind.UNCHANGED) {
                hosts.add(host(c));
            }
        }
        m.put("hosts", hosts);
        return m;
    }

    private static Map<String, Object> host(HostChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host());
        m.put("change", word(c.kind()));
        boolean both = c.before() != null && c.after() != null;
        m.put("action", !both || c.actionChanged() ? fromTo(name(c.actionBefore()), name(c.actionAfter())) : null);
        m.put("reason", both && c.reasonChanged() ? fromTo(c.before().reason(), c.after().reason()) : null);
        m.put("fingerprint", both && c.fingerprintChanged()
                ? fromTo(c.before().fingerprint(), c.after().fingerprint()) : null);
        m.put("identity_changed", c.identityChanged().orElse(null));
        m.put("facts_compared", c.factsCompared());
        List<Map<String, Object>> facts = new ArrayList<>();
        for (PlanChanges.FactChange f : c.facts()) {
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("fact", f.fact());
            fact.put("from", f.before());
            fact.put("to", f.after());
            fact.put("deciding", f.deciding());
            facts.add(fact);
        }
        m.put("facts", facts);
        return m;
    }

    private static Map<String, Object> identity(FactSheet facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("computer_name", facts.values().get("computer_name"));
        m.put("machine_guid", facts.values().get("machine_guid"));
        return m;
    }

    private static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    private static String name(Action action) {
        return action == null ? null : action.name();
    }

    private static String word(PlanChanges.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
