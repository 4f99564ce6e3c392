package org.wsusremediator.remediate;

import java.time.Duration;
import org.wsusremediator.host.ActingVisit;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.recipe.Recipe;
import org.wsusremediator.winrm.HostTarget;

/**
 * The body of an acting host visit: the host's scan report and what the run was configured with.
 *
 * @param recipe the workaround recipe, already checked against its pinned SHA-256; null when none is configured
 *               or when it did not match (then {@code recipeProblem} says why)
 * @param runId  short id of this run: names the one-time scheduled task, so runs never collide
 * @param guard  the approved run's conditions for changing the host ({@link ChangeGuard#NONE} in a lab run)
 */
public record RemediationTask(HostReport report, RemediationSettings settings, Recipe recipe, String recipeProblem,
                              String runId, ChangeGuard guard) implements HostTarget, ActingVisit {

    public RemediationTask {
        guard = guard == null ? ChangeGuard.NONE : guard;
    }

    @Override
    public HostEntry host() {
        return report.host();
    }

    /** An install may run for the install timeout, on top of the visit's own deadline. */
    @Override
    public Duration visitDeadline() {
        return host().timeouts().visit().plus(settings.installTimeout());
    }
}
