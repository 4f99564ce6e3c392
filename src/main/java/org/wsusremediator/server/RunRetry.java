package org.wsusremediator.server;

import java.util.List;
import org.wsusremediator.apply.RetryHosts;
import org.wsusremediator.plan.RunPermission;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;

/**
 * What {@code POST /api/v1/runs/{id}/retry} may retry, checked before anything starts: the run has ended, no run of
 * its plan is running, and it left failed hosts that no later run has taken up ({@link RetryHosts}); then, that some
 * of them are still approved. The run itself decides again from the journal when it claims the plan, and checks
 * the consent again right before each host, as every run does.
 */
record RunRetry(RunRecord run, List<String> hosts) {

    static RunRetry of(Store store, RunRecord run) {
        if ("RUNNING".equals(run.status())) {
            throw ApiError.conflict("running", "run " + run.id() + " is still running: retry it once it has ended");
        }
        store.runs().ofPlan(run.planId()).stream().filter(r -> "RUNNING".equals(r.status())).findFirst()
                .ifPresent(other -> {
                    throw ApiError.conflict("plan_running", "run " + other.id() + " of plan " + run.planId()
                            + " is running: retry run " + run.id() + " once it has ended");
                });
        List<String> failed = List.copyOf(RetryHosts.of(run.id(), store.hostStates(run.planId())).keySet());
        if (failed.isEmpty()) {
            throw ApiError.conflict("no_failed_hosts", "run " + run.id() + " left no failed host ("
                    + RetryHosts.failedStates() + ") that a later run has not taken up"
                    + " (a later run's failures are retried by retrying that run)");
        }
        return new RunRetry(run, failed);
    }

    /**
     * The hosts to retry that the plan's approval still covers; none is a 409 {@code not_approved} (the approval
     * was withdrawn for all of them: rejected since).
     */
    List<String> approvedOf(RunPermission permission) {
        List<String> approved = hosts.stream().filter(permission.approvedHosts()::contains).toList();
        if (approved.isEmpty()) {
            throw ApiError.conflict("not_approved", "none of the failed hosts of run " + run.id() + " " + hosts
                    + " is approved any more (rejected since): make a new plan");
        }
        return approved;
    }
}
