package org.wsusremediator.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.workflow.Decisions;

/**
 * The answer of {@code POST /plans/{id}/statement}: the decision the statement says (plan, admin, decision, hosts,
 * reason, at), the exact {@code statement} to sign (its UTF-8 bytes), and the {@code plan_statement} whose SHA-256 it
 * names: the plan's canonical content (each host with its action and facts fingerprint, which holds the machine's
 * identity, and its approved settings: endpoint, package source and SHA-256, installer arguments, recipe hash) and
 * its expiry. A client checks the statement against what it asked for before it signs; the server re-makes it when
 * the signed decision arrives, so a signature over anything else does not verify.
 */
final class StatementAnswer {

    private StatementAnswer() {
    }

    static Map<String, Object> of(Decisions.ToSign toSign) {
        Approval a = toSign.approval();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", a.planId());
        body.put("admin", a.admin());
        body.put("decision", a.decision().name());
        body.put("hosts", a.hosts());
        body.put("reason", a.reason());
        body.put("at", a.at().toString());
        body.put("statement", toSign.statement());
        body.put("plan_statement", toSign.planStatement());
        return body;
    }
}
