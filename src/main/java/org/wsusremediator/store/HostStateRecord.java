package org.wsusremediator.store;

import java.time.Instant;

/** One recorded state of a planned host; {@code runId} and {@code wave} are null outside a run. */
public record HostStateRecord(String host, String state, String detail, Instant recordedAt, String runId, Integer wave) {
}
