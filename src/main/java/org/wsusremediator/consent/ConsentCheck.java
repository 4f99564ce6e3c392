package org.wsusremediator.consent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.Role;
import org.wsusremediator.plan.SigningKey;

/**
 * Checks the consent to a plan from what the database says (the plan, its seal, the approvals rows) against what
 * only the key could have made (the seals) and what the audit trail recorded (each decision's sealed audit record).
 * Conservative on purpose: one decision that does not verify voids them all, since a database that was edited once
 * says nothing reliable about the rest, and KB954960 cannot be uninstalled.
 */
public final class ConsentCheck {

    private final Sealer sealer;

    public ConsentCheck(Sealer sealer) {
        this.sealer = sealer;
    }

    /**
     * @param planSeal  the plan's seal as stored (null for a plan made before plans were sealed)
     * @param rows      the plan's approvals rows, as stored
     * @param audited   the plan's decisions as their PLAN_APPROVED/PLAN_REJECTED audit records tell them
     * @param directory the admin directory the checking process loaded itself; null: no approver is checked
     *                  (then {@code counted} is {@code authentic}: for reading, never for acting)
     */
    public Consent check(Plan plan, String planSeal, List<SealedDecision> rows, List<SealedDecision> audited,
            AdminDirectory directory) {
        List<String> problems = new ArrayList<>();
        if (planSeal == null) {
            problems.add("plan " + plan.id() + " was made before plans were sealed: make a new plan");
            return new Consent(plan, problems, List.of(), List.of(), List.of());
        }
        if (!sealer.verifies(plan, planSeal)) {
            problems.add("plan " + plan.id() + " is not what was sealed when it was made (its hosts, fingerprints,"
                    + " settings or expiry were edited in the database): make a new plan");
            return new Consent(plan, problems, List.of(), List.of(), List.of());
        }
        Map<String, SealedDecision> bySeal = new LinkedHashMap<>();
        for (SealedDecision row : rows) {
            if (row.seal() == null || row.sequence() == null) {
                problems.add("the decision of " + row.approval().admin() + " at " + row.approval().at()
                        + " is not sealed (recorded before decisions were sealed, or inserted in the database)");
            } else if (!sealer.verifies(row)) {
                problems.add(row.describe() + " does not verify with the server key: inserted or edited in the"
                        + " database");
            } else if (!planSeal.equals(row.planSeal())) {
                problems.add(row.describe() + " consents to other content of plan " + plan.id());
            } else {
                bySeal.put(row.seal(), row);
            }
        }
        List<SealedDecision> authenticAudited = new ArrayList<>();
        for (SealedDecision record : audited) {
            if (record.seal() == null) {
                continue; // an audit record written before decisions were sealed: its row says the same, unsealed
            }
            if (!sealer.verifies(record) || !planSeal.equals(record.planSeal())) {
                problems.add("the audit record of " + record.describe() + " does not verify with the server key");
                continue;
            }
            authenticAudited.add(record);
            if (!bySeal.containsKey(record.seal())) {
                problems.add(record.describe() + " is in the audit trail but missing from the approvals table"
                        + " (deleted or replaced in the database)");
            }
        }
        Set<String> auditedSeals = new HashSet<>();
        authenticAudited.forEach(a -> auditedSeals.add(a.seal()));
        for (SealedDecision row : bySeal.values()) {
            if (!auditedSeals.contains(row.seal())) {
                problems.add(row.describe() + " has no audit record (the audit trail was cut or edited)");
            }
        }
        // The chain: 1, 2, 3 … each naming the seal before it. A gap is a decision deleted with its audit record.
        Map<String, SealedDecision> all = new LinkedHashMap<>(bySeal);
        authenticAudited.forEach(a -> all.putIfAbsent(a.seal(), a));
        List<SealedDecision> chain = new ArrayList<>(all.values());
        chain.sort(Comparator.comparing(SealedDecision::sequence));
        String previous = "";
        long expected = 1;
        for (SealedDecision d : chain) {
            if (d.sequence() != expected || !previous.equals(d.previousSeal())) {
                problems.add("the chain of decisions of plan " + plan.id() + " breaks at " + d.describe()
                        + " (decision " + expected + " expected, following the one before): a decision was removed");
                break;
            }
            previous = d.seal();
            expected++;
        }
        List<Approval> authentic = chain.stream().map(SealedDecision::approval).toList();
        if (!problems.isEmpty()) {
            return new Consent(plan, problems, authentic, List.of(), List.of());
        }
        if (directory == null) {
            return new Consent(plan, problems, authentic, authentic, List.of());
        }
        List<Approval> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (SealedDecision d : chain) {
            String why = d.approval().decision() == Decision.REJECT ? null : whyNotCounted(plan, d, directory);
            if (why == null) {
                counted.add(d.approval());
            } else {
                notCounted.add(why);
            }
        }
        return new Consent(plan, problems, authentic, counted, notCounted);
    }

    /**
     * Why an approval does not count for the run's own admin directory: the approver must be an approver there,
     * identified there as the decision says they were, not the requester under the two-person rule, and, if that
     * directory gives them a signingKey, with their own signature of the decision.
     */
    private String whyNotCounted(Plan plan, SealedDecision d, AdminDirectory directory) {
        String name = d.approval().admin();
        String prefix = d.describe() + " does not count: ";
        Optional<Admin> admin = directory.admins().stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
        if (admin.isEmpty()) {
            return prefix + name + " is not an admin in the run's admin directory";
        }
        if (!admin.get().may(Role.APPROVER)) {
            return prefix + name + " is not an approver in the run's admin directory";
        }
        if (directory.policy().twoPersonRule() && plan.requester().equalsIgnoreCase(name)) {
            return prefix + "two-person rule: " + name + " requested the plan";
        }
        SigningKey signingKey = admin.get().signingKey();
        if (signingKey != null) {
            // Checked against the run's own directory: a key the server's operator cannot sign with.
            if (d.signature() == null) {
                return prefix + "it is not signed, and the run's admin directory gives " + name
                        + " a signingKey (only their signed approvals count)";
            }
            if (!signingKey.verifies(SignedStatement.of(d.approval(), plan), d.signature())) {
                return prefix + "its signature does not verify with " + name + "'s signingKey in the run's admin"
                        + " directory (made or edited without " + name + "'s private key)";
            }
        }
        String evidence = d.identifiedBy();
        if (evidence == null) {
            return null; // recorded by a caller that authenticated the admin itself (the server)
        }
        if (evidence.startsWith("os-user:")) {
            String osUser = evidence.substring("os-user:".length());
            String mapped;
            try {
                mapped = directory.identify(osUser, null).name();
            } catch (ApprovalRefused unmapped) {
                return prefix + "it was made as OS user " + osUser + ", whom the run's admin directory maps to no admin";
            }
            return mapped.equalsIgnoreCase(name) ? null
                    : prefix + "it was made as OS user " + osUser + ", whom the run's admin directory maps to "
                    + mapped + ", not " + name + " (an admin file other than the run's was used)";
        }
        String token = admin.get().tokenHash();
        if (token != null && sealer.identifies(d, new Identity(Identity.Kind.TOKEN, token))) {
            return null;
        }
        return prefix + "the token it was made with is not " + name + "'s in the run's admin directory";
    }
}
