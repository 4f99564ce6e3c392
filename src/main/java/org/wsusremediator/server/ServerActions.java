package org.wsusremediator.server;

import java.nio.file.Path;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanKind;

/**
 * What the server asks of the process that runs it: scanning an inventory into a plan, and starting an approved
 * plan's run. {@code remediator serve} implements both with the CLI's own paths (the plan command's scan and
 * PlanMaker, the prepared run that change windows and {@code apply --now} use), so a plan or a run made through the
 * API is the same in the store and the reports as one made otherwise.
 */
public interface ServerActions {

    /** Scans {@code inventory} and stores a plan of {@code kind} requested by {@code requester}. */
    MadePlan makePlan(Path inventory, Admin requester, PlanKind kind) throws Exception;

    /**
     * Starts a run of {@code plan} now, started by {@code operator}, in the background; returns once it was handed
     * over. The run's report reaches {@code done} (also when it failed to start: then null).
     */
    void startRun(Plan plan, Admin operator, java.util.function.Consumer<org.wsusremediator.apply.RunReport> done) throws Exception;

    /**
     * As {@link #startRun}, a run of {@code plan} that starts only the hosts run {@code retryOf} left failed
     * ({@code apply.RetryHosts}); {@code reason} goes into its RUN_STARTED record.
     */
    void retryRun(Plan plan, String retryOf, String reason, Admin operator,
            java.util.function.Consumer<org.wsusremediator.apply.RunReport> done) throws Exception;

    /** A stored plan and the scan it came from. */
    record MadePlan(Plan plan, ScanReport scan) {
    }
}
