package org.wsusremediator.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Plan;

/**
 * One run of an approved plan, as asked for by a change window or by {@code apply --now}.
 *
 * @param inventory the plan's inventory as read now: how to reach the hosts and what to install
 * @param credentials the inventory's credentials, resolved once where the inventory was read; null when the
 *                  caller left that to {@code Remediator.apply}
 * @param cause     "window NAME" or "apply --now"
 * @param startedBy the admin running apply --now, or the remediator for a window
 * @param deadline  the window's end: no host starts after it; null without a window
 * @param lease     how long another process's RUNNING run of this plan counts as alive after its last heartbeat
 * @param details   what the RUN_STARTED audit record says besides the cause (e.g. that a window was bypassed)
 * @param admins    the admin directory the process starting the run loaded itself: approvals count only for
 *                  approvers it names, identified as it identifies them. Null: no host is acted on (NOT_APPROVED)
 * @param retryOf   a run of the same plan whose failed hosts ({@link RetryHosts}) are the only ones this run starts;
 *                  null for an ordinary run
 */
public record ApplyRequest(Plan plan, Inventory inventory, Map<String, Credential> credentials, ApprovalPolicy policy,
                           Rollout rollout, String cause, String startedBy, Instant deadline, Duration lease,
                           Map<String, Object> details, AdminDirectory admins, String retryOf) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public ApplyRequest {
        credentials = credentials == null ? null : Map.copyOf(credentials);
        details = Map.copyOf(details);
    }

    /** An ordinary run (not a retry). */
    public ApplyRequest(Plan plan, Inventory inventory, Map<String, Credential> credentials, ApprovalPolicy policy,
            Rollout rollout, String cause, String startedBy, Instant deadline, Duration lease,
            Map<String, Object> details, AdminDirectory admins) {
        this(plan, inventory, credentials, policy, rollout, cause, startedBy, deadline, lease, details, admins, null);
    }

    /** A request without an admin directory: it acts on no host until given one ({@link #withAdmins}). */
    public ApplyRequest(Plan plan, Inventory inventory, Map<String, Credential> credentials, ApprovalPolicy policy,
            Rollout rollout, String cause, String startedBy, Instant deadline, Duration lease,
            Map<String, Object> details) {
        this(plan, inventory, credentials, policy, rollout, cause, startedBy, deadline, lease, details, null);
    }

    /** A request whose credentials {@code Remediator.apply} resolves, with the policy of {@code admins}. */
    public ApplyRequest(Plan plan, Inventory inventory, AdminDirectory admins, Rollout rollout, String cause,
            String startedBy, Instant deadline, Duration lease, Map<String, Object> details) {
        this(plan, inventory, null, admins.policy(), rollout, cause, startedBy, deadline, lease, details, admins);
    }

    public ApplyRequest withCredentials(Map<String, Credential> resolved) {
        return new ApplyRequest(plan, inventory, resolved, policy, rollout, cause, startedBy, deadline, lease, details,
                admins, retryOf);
    }

    /** The same request checked against {@code directory} (its policy too). */
    public ApplyRequest withAdmins(AdminDirectory directory) {
        return new ApplyRequest(plan, inventory, credentials, directory.policy(), rollout, cause, startedBy, deadline,
                lease, details, directory, retryOf);
    }

    /** The same request restricted to the hosts that run {@code run} of the plan left failed. */
    public ApplyRequest retrying(String run) {
        return new ApplyRequest(plan, inventory, credentials, policy, rollout, cause, startedBy, deadline, lease, details,
                admins, run);
    }
}
