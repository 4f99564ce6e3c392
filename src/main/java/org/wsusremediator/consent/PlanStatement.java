package org.wsusremediator.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * What a plan says, as its seal covers it: id, requester, when it was made and when it expires, the inventory, and
 * per host the host, action, facts fingerprint (which includes the machine's identity), whether it needs approval
 * and the approved settings (endpoint, package source and SHA-256, installer arguments, recipe hash). A plan row
 * whose expiry, host or settings were edited in the database no longer matches its seal.
 */
public final class PlanStatement {

    static final String PURPOSE = "plan";

    private PlanStatement() {
    }

    public static String of(Plan plan) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("id", plan.id());
        statement.put("requester", plan.requester());
        statement.put("createdAt", Canonical.time(plan.createdAt()));
        statement.put("expiresAt", Canonical.time(plan.expiresAt()));
        statement.put("inventory", plan.inventory());
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (PlannedHost h : plan.hosts()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", h.host());
            host.put("action", h.action().name());
            host.put("fingerprint", h.fingerprint());
            host.put("needsApproval", h.needsApproval());
            host.put("settings", h.settings() == null ? null : Canonical.object(h.settings().toJson()));
            hosts.add(new java.util.TreeMap<>(host));
        }
        statement.put("hosts", hosts);
        return Canonical.json(statement);
    }
}
