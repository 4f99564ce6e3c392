package org.wsusremediator.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;

/**
 * What an admin signs with their own key (Ed25519): the decision without the chain. The plan is named by the
 * SHA-256 of its {@link PlanStatement} (its id, expiry, hosts, fingerprints and settings), which the admin's CLI
 * computes from the plan itself, rather than by its seal, which only the server key can check; then the admin, approve
 * or reject, the hosts ([] for all), the reason and the time. The chain's sequence and previous seal are known only
 * when the store records the decision, so the admin does not sign them: the server's seal covers the signature
 * together with the chain ({@link DecisionStatement}).
 */
public final class SignedStatement {

    private static final String PURPOSE = "wsus-remediator/admin-decision/v1\n";

    private SignedStatement() {
    }

    /** The bytes signed, as a string: a purpose line, then canonical JSON. */
    public static String of(Approval a, Plan plan) {
        return of(a, PlanStatement.of(plan));
    }

    /**
     * As {@link #of(Approval, Plan)}, from the plan's canonical statement as text: what a client that holds no plan
     * object (the CLI with {@code --server}) is given by the server and can read before it signs.
     */
    public static String of(Approval a, String planStatement) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("plan", a.planId());
        statement.put("planDigest", digest(planStatement));
        statement.put("admin", a.admin());
        statement.put("decision", a.decision().name());
        statement.put("hosts", a.hosts());
        statement.put("reason", a.reason() == null ? "" : a.reason());
        statement.put("at", Canonical.time(a.at()));
        return PURPOSE + Canonical.json(statement);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is not available", impossible);
        }
    }
}
