package org.wsusremediator.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wsusremediator.plan.Approval;

/**
 * What a decision says, as its seal covers it: the plan's seal (so it consents to exactly that content and expiry),
 * the admin, approve or reject, the hosts ([] for all), the reason, the time, its sequence number within the plan,
 * the previous decision's seal, how the admin was identified, and the admin's own signature when there is one. An approvals row whose hosts were widened, or
 * which was inserted without the key, no longer matches any seal.
 */
public final class DecisionStatement {

    static final String PURPOSE = "decision";

    private DecisionStatement() {
    }

    public static String of(SealedDecision d) {
        Approval a = d.approval();
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("plan", a.planId());
        statement.put("planSeal", d.planSeal());
        statement.put("admin", a.admin());
        statement.put("decision", a.decision().name());
        statement.put("hosts", a.hosts());
        statement.put("reason", a.reason() == null ? "" : a.reason());
        statement.put("at", Canonical.time(a.at()));
        statement.put("sequence", d.sequence());
        statement.put("previous", d.previousSeal());
        statement.put("identifiedBy", d.identifiedBy());
        if (d.signature() != null) {
            // only when signed, so that the seals of unsigned decisions made before signatures stay as they were
            statement.put("signature", d.signature());
        }
        return Canonical.json(statement);
    }
}
