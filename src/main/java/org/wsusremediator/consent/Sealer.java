package org.wsusremediator.consent;

import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;

/**
 * Seals and checks plans and decisions with the {@link ServerKey}. The store seals inside its write path, so every
 * caller (the CLI, the REST API) seals the same way; the run checks before acting.
 */
public final class Sealer {

    private final ServerKey key;

    public Sealer(ServerKey key) {
        this.key = java.util.Objects.requireNonNull(key, "key");
    }

    public String seal(Plan plan) {
        return key.mac(PlanStatement.PURPOSE, PlanStatement.of(plan));
    }

    /** Whether {@code seal} is this key's seal of the plan exactly as given (hosts, settings, expiry). */
    public boolean verifies(Plan plan, String seal) {
        return key.verifies(PlanStatement.PURPOSE, PlanStatement.of(plan), seal);
    }

    /**
     * The decision with its seal, as the {@code sequence}-th decision of the plan sealed {@code planSeal}; the seal covers the
     * admin's {@code signature} (null if unsigned) with the chain, which the admin could not sign.
     */
    public SealedDecision seal(Approval approval, long sequence, String previousSeal, String planSeal, Identity identity,
            String signature) {
        SealedDecision unsealed = new SealedDecision(approval, sequence, previousSeal, planSeal,
                identity == null ? null : identity.evidence(key), null, signature);
        return new SealedDecision(approval, sequence, previousSeal, planSeal, unsealed.identifiedBy(),
                key.mac(DecisionStatement.PURPOSE, DecisionStatement.of(unsealed)), signature);
    }

    public boolean verifies(SealedDecision decision) {
        return decision.seal() != null && decision.sequence() != null
                && key.verifies(DecisionStatement.PURPOSE, DecisionStatement.of(decision), decision.seal());
    }

    /** Whether a decision's recorded identity is {@code identity} (the same OS user, or the same token). */
    boolean identifies(SealedDecision decision, Identity identity) {
        return identity.evidence(key).equals(decision.identifiedBy());
    }

    /** The MAC of an audit head line (seq and hash), for the anchor file. */
    String anchor(long seq, String hash) {
        return key.mac("audit-head", seq + ":" + hash);
    }

    ServerKey key() {
        return key;
    }
}
