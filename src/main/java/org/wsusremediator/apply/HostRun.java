package org.wsusremediator.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.host.RestartRecord;

/**
 * One planned host in a run report.
 *
 * @param wave         the wave it was started in (1 = canary); null when it was not started in this run
 * @param irreversible KB954960 was (or may have been) installed: it cannot be uninstalled
 * @param restart      the restart this run made of the host (requested at, boot times, down/up or timeout); null if none
 * @param health       the post-install health check of the host and each check's result; null when none ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostRun(String host, String group, Action plannedAction, HostState state, String reason,
                      Integer wave, Instant startedAt, Instant finishedAt, boolean irreversible, RestartRecord restart,
                      HealthReport health) {

    /** A host without a restart or health check in this run. */
    public HostRun(String host, String group, Action plannedAction, HostState state, String reason, Integer wave,
            Instant startedAt, Instant finishedAt, boolean irreversible) {
        this(host, group, plannedAction, state, reason, wave, startedAt, finishedAt, irreversible, null, null);
    }

    public Long getDurationMillis() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
