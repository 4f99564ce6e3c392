package org.wsusremediator.consent;

import org.wsusremediator.plan.Approval;

/**
 * A decision as the store keeps it (an approvals row) or as its audit record tells it, with what its seal covers
 * besides the decision itself.
 *
 * @param sequence     its place among the plan's decisions, from 1; null for a row made before decisions were sealed
 * @param previousSeal the seal of the plan's decision before it ("" for the first): the plan's decisions form a chain
 * @param planSeal     the seal of the plan it consents to: exactly that content and expiry
 * @param identifiedBy how the decider was identified ({@link Identity#evidence}); null when the caller gave none
 * @param seal         the MAC over the {@link DecisionStatement}; null for a row made before decisions were sealed
 * @param signature    the admin's own Ed25519 signature of the {@link SignedStatement} (base64), or null if unsigned
 */
public record SealedDecision(Approval approval, Long sequence, String previousSeal, String planSeal, String identifiedBy,
                             String seal, String signature) {

    /** "decision 3 (bob approved …)", for messages. */
    public String describe() {
        return "decision " + (sequence == null ? "?" : sequence) + " (" + approval.admin() + " "
                + (approval.decision() == org.wsusremediator.plan.Decision.APPROVE ? "approved" : "rejected") + " "
                + (approval.hosts().isEmpty() ? "all hosts" : String.join(", ", approval.hosts())) + " at "
                + approval.at() + ")";
    }
}
