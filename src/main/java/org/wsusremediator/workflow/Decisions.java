package org.wsusremediator.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wsusremediator.consent.AdminSignature;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.consent.PlanStatement;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.SigningKey;
import org.wsusremediator.store.Store;

/**
 * An admin approves or rejects a plan (or some of its hosts): the rules are checked, then the decision is recorded
 * through the store (which seals and audits it). The one path for the CLI's approve and reject and the server's
 * {@code POST /api/v1/plans/{id}/approve|reject}, so neither can skip a check the other makes.
 */
public final class Decisions {

    /** How far a signed time may be from the recording clock: a CLI's clock and a server's differ a little. */
    private static final Duration SIGNATURE_SKEW = Duration.ofMinutes(5);

    private final AdminDirectory directory;
    private final Store store;
    private final Clock clock;

    public Decisions(AdminDirectory directory, Store store, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records {@code admin}'s decision, for a caller that authenticated the admin itself (the server): the seal
     * records no identity.
     *
     * @param hosts  the hosts decided on; empty for all of the plan's hosts
     * @param reason why (not blank; the caller has checked that, each in its own words)
     * @throws ApprovalRefused when the plan does not exist or the rules refuse (nothing is recorded then, but the
     *                         refusal is audited as DECISION_REFUSED)
     */
    public Outcome decide(Admin admin, String planId, Decision decision, List<String> hosts, String reason) {
        return decide(admin, planId, decision, hosts, reason, null);
    }

    /**
     * As {@link #decide(Admin, String, Decision, List, String)}, sealing how the admin was identified (the CLI: the
     * OS user or the token), which a run checks against the admin directory it loaded itself. An approval of a plan
     * whose consent does not verify is refused (it would approve nothing); a rejection is always recorded.
     */
    public Outcome decide(Admin admin, String planId, Decision decision, List<String> hosts, String reason,
            Identity identity) {
        return decide(admin, planId, decision, hosts, reason, identity, null);
    }

    /**
     * As {@link #decide(Admin, String, Decision, List, String, Identity)}, with the admin's own signature of the
     * decision (null if unsigned): its time becomes the decision's time, and it must verify with the admin's
     * signingKey in this directory. An admin with a signingKey cannot record an unsigned approval (it would never
     * count); their rejections may be unsigned, since a rejection only ever stops hosts.
     */
    public Outcome decide(Admin admin, String planId, Decision decision, List<String> hosts, String reason,
            Identity identity, AdminSignature signature) {
        Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
        Instant now = clock.instant();
        Instant at = signature == null ? now : signature.at();
        try {
            checkSignature(plan, admin, new Approval(plan.id(), admin.name(), decision, List.copyOf(hosts),
                    reason.strip(), at), signature, now);
            directory.policy().checkMayDecide(plan, admin, hosts, now);
            Consent before = store.consent(plan, directory);
            if (decision == Decision.APPROVE && !before.verified()) {
                throw new ApprovalRefused(before.refusal());
            }
            directory.policy().checkNotRepeated(plan, admin, decision, hosts, store.approvals(plan.id()));
        } catch (ApprovalRefused refused) {
            // An attempt the rules refused is kept too: a requester approving their own plan is worth knowing.
            store.audit(admin.name(), "DECISION_REFUSED", "plan " + plan.id(), Store.jsonObject(Map.of(
                    "decision", decision.name(), "hosts", hosts, "reason", refused.getMessage())));
            throw refused;
        }
        Approval approval = new Approval(plan.id(), admin.name(), decision, List.copyOf(hosts), reason.strip(), at);
        store.recordApproval(approval, identity, signature == null ? null : signature.value()); // sealed by the store
        Set<String> approved = store.consent(plan, directory).permission(directory.policy(), clock.instant())
                .approvedHosts();
        return new Outcome(plan, approval, approved);
    }

    /**
     * A signature must be the admin's (their signingKey in this directory), over this very decision, made now: a
     * signed time far from the clock would let a decision claim another moment than the one it was recorded at.
     */
    private void checkSignature(Plan plan, Admin admin, Approval approval, AdminSignature signature, Instant now) {
        SigningKey key = admin.signingKey();
        if (signature == null) {
            if (key != null && approval.decision() == Decision.APPROVE) {
                throw new SignatureRefused(SignatureRefused.REQUIRED, admin.name() + " signs their approvals (a signingKey in the admin file):"
                        + " approve with --sign-with KEYFILE; an unsigned approval of theirs would not count");
            }
            return;
        }
        if (key == null) {
            throw new SignatureRefused(SignatureRefused.NO_KEY, admin.name() + " has no signingKey in the admin file: a signature nobody can"
                    + " check would count for nothing (add the public key 'remediator admin keygen' printed)");
        }
        if (signature.at().isBefore(now.minus(SIGNATURE_SKEW)) || signature.at().isAfter(now.plus(SIGNATURE_SKEW))) {
            throw new SignatureRefused(SignatureRefused.STALE, "the signed time " + signature.at() + " is more than "
                    + SIGNATURE_SKEW.toMinutes() + " minutes from now (" + now + "): sign the decision again");
        }
        if (!key.verifies(SignedStatement.of(approval, plan), signature.value())) {
            throw new SignatureRefused(SignatureRefused.INVALID, "the signature does not verify with " + admin.name() + "'s signingKey in the"
                    + " admin file: the key file is not " + admin.name() + "'s private key, or the decision signed"
                    + " is not this one");
        }
    }

    /**
     * The exact statement {@code admin} signs to make this decision now ({@link SignedStatement}), with the plan's
     * canonical statement it names by digest, for a client that holds no plan (the CLI with {@code --server}): it reads
     * the plan's content there, checks the statement is the decision it asked for, and signs it. Nothing is recorded;
     * whether the decision is allowed is decided when it is sent ({@link #decide}).
     */
    public ToSign toSign(Admin admin, String planId, Decision decision, List<String> hosts, String reason) {
        Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
        // the store's precision, as the signature will carry it and the decision will be recorded
        Approval approval = new Approval(plan.id(), admin.name(), decision, List.copyOf(hosts), reason.strip(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        String planStatement = PlanStatement.of(plan);
        return new ToSign(approval, planStatement, SignedStatement.of(approval, planStatement));
    }

    /**
     * Whether {@code admin} may decide on {@code plan} now: the same checks as {@link #decide}, without recording.
     * The API's {@code can_approve}.
     */
    public boolean mayDecide(Admin admin, Plan plan) {
        try {
            directory.policy().checkMayDecide(plan, admin, List.of(), clock.instant());
            return true;
        } catch (ApprovalRefused refused) {
            return false;
        }
    }

    /** A decision not yet made, the plan's canonical statement it names, and the exact text to sign. */
    public record ToSign(Approval approval, String planStatement, String statement) {
    }

    /** A recorded decision and the hosts that may be acted on now. */
    public record Outcome(Plan plan, Approval approval, Set<String> approvedHosts) {
    }
}
