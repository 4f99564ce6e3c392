package org.wsusremediator.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.Store;

/**
 * An admin approves or rejects a plan (or some of its hosts): the rules are checked, then the decision is recorded
 * through the store (which seals and audits it). The one path for the CLI's approve and reject and the server's
 * {@code POST /api/v1/plans/{id}/approve|reject}, so neither can skip a check the other makes.
 */
public final class Decisions {

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
        Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
        Instant now = clock.instant();
        try {
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
        Approval approval = new Approval(plan.id(), admin.name(), decision, List.copyOf(hosts), reason.strip(), now);
        store.recordApproval(approval, identity); // sealed by the store
        Set<String> approved = store.consent(plan, directory).permission(directory.policy(), clock.instant())
                .approvedHosts();
        return new Outcome(plan, approval, approved);
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

    /** A recorded decision and the hosts that may be acted on now. */
    public record Outcome(Plan plan, Approval approval, Set<String> approvedHosts) {
    }
}
