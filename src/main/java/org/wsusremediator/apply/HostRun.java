package org.wsusremediator.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.wsusremediator.classify.Action;

/**
 * One planned host in a run report.
 *
 * @param wave         the wave it was started in (1 = canary); null when it was not started in this run
 * @param irreversible KB954960 was (or may have been) installed: it cannot be uninstalled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostRun(String host, String group, Action plannedAction, HostState state, String reason,
                      Integer wave, Instant startedAt, Instant finishedAt, boolean irreversible) {

    public Long getDurationMillis() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
