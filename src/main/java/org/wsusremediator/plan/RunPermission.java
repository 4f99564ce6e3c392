package org.wsusremediator.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a plan may run at a moment: it has not expired and at least one of its hosts is approved. The one
 * statement of that rule, for its three readers: {@code apply --now} refuses with the reason ({@link #orRefuse()}),
 * a change window skips a plan that may not run ({@link #granted()}), and a run that starts stops on an expired
 * plan and acts only on {@link #approvedHosts()}.
 *
 * @param approvedHosts the hosts that may be acted on at {@code at}: none once the plan has expired
 */
public record RunPermission(Plan plan, Instant at, Set<String> approvedHosts) {

    public RunPermission {
        approvedHosts = Collections.unmodifiableSet(new LinkedHashSet<>(approvedHosts));
    }

    /** The permission as the policy's rules and the recorded decisions give it at {@code at}. */
    public static RunPermission of(Plan plan, ApprovalPolicy policy, List<Approval> decisions, Instant at) {
        return new RunPermission(plan, at, policy.approvedHosts(plan, decisions, at));
    }

    public boolean expired() {
        return plan.expiredAt(at);
    }

    public boolean granted() {
        return !expired() && !approvedHosts.isEmpty();
    }

    /** "plan … expired at …": each caller ends the sentence with what it means for its reader. */
    public String expiry() {
        return "plan " + plan.id() + " expired at " + plan.expiresAt();
    }

    /** Refuses a plan that may not run, saying why; returns this permission when it may. */
    public RunPermission orRefuse() {
        if (expired()) {
            throw new ApprovalRefused(expiry() + "; make a new plan");
        }
        if (approvedHosts.isEmpty()) {
            throw new ApprovalRefused("no host of plan " + plan.id() + " is approved; nothing to run");
        }
        return this;
    }
}
