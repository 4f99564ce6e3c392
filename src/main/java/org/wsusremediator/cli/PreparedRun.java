package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.wsusremediator.apply.ApplyRequest;
import org.wsusremediator.apply.WaveClaims;
import org.wsusremediator.store.RunJournal;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.window.ChangeWindowSteps;
import org.wsusremediator.window.Schedule;

/**
 * A stored plan made ready to run: its inventory read and checked again now (credentials, hosts, packages)
 * and the simulated fleet started if the inventory declares one. Closing it stops that fleet.
 */
final class PreparedRun implements ChangeWindowSteps.Launch, WaveClaims.Prepared {

    private final RunSetup setup;
    private final ApplyRequest request;

    private PreparedRun(RunSetup setup, ApplyRequest request) {
        this.setup = setup;
        this.request = request;
    }

    /** The run checks every approval against {@code admins}, the admin directory this process loaded itself. */
    static PreparedRun of(Plan plan, AdminDirectory admins, Schedule schedule, String cause, String startedBy,
            Instant deadline, Map<String, Object> details, PrintWriter err) {
        return of(plan, admins, schedule, cause, startedBy, deadline, details, err, System.getenv());
    }

    /** As above, with the credentials' environment given (the server's configured secrets). */
    static PreparedRun of(Plan plan, AdminDirectory admins, Schedule schedule, String cause, String startedBy,
            Instant deadline, Map<String, Object> details, PrintWriter err, Map<String, String> environment) {
        return of(plan, admins, schedule, cause, startedBy, deadline, details, err, environment, null);
    }

    /** As above, with the run's lease given (server.yaml's cluster.runLeaseSeconds); null: {@link #lease()}. */
    static PreparedRun of(Plan plan, AdminDirectory admins, Schedule schedule, String cause, String startedBy,
            Instant deadline, Map<String, Object> details, PrintWriter err, Map<String, String> environment,
            java.time.Duration lease) {
        RunSetup setup = RunSetup.prepare(Path.of(plan.inventory()), schedule.rollout().concurrency(), err, environment);
        return new PreparedRun(setup, new ApplyRequest(plan, setup.inventory(), setup.credentials(), admins.policy(),
                schedule.rollout(), cause, startedBy, deadline, lease == null ? lease() : lease, details, admins));
    }

    /**
     * This run's lease: how long after its last heartbeat another process may take its plan over. 30 s by default;
     * the system property remediator.runLeaseSeconds (1 to 600) shortens it where a dead process must be taken over
     * quickly (the crash tests). It is recorded with the run, and only ever governs this run: a process that takes
     * a plan over honours the lease the owner recorded, whatever its own property says.
     */
    static java.time.Duration lease() {
        String seconds = System.getProperty("remediator.runLeaseSeconds");
        if (seconds == null) {
            return ApplyRequest.DEFAULT_LEASE;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value >= 1 && value <= RunJournal.LONGEST_LEASE.toSeconds()) {
                return java.time.Duration.ofSeconds(value);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new BadInput("remediator.runLeaseSeconds must be a whole number of seconds from 1 to 600, not '"
                + org.wsusremediator.report.Printable.line(seconds) + "'");
    }

    @Override
    public ApplyRequest request() {
        return request;
    }

    @Override
    public void close() {
        setup.close();
    }
}
