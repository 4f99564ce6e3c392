package org.wsusremediator.store;

import java.time.Instant;

/**
 * One run of a plan as journaled.
 *
 * @param cause    "window NAME" or "apply --now"
 * @param deadline when no new host may start; null without a window
 * @param status   RUNNING, FINISHED, WINDOW_CLOSED, ABORTED or INTERRUPTED
 */
public record RunRecord(String id, String planId, String cause, String startedBy, Instant startedAt, Instant deadline,
                        Instant heartbeatAt, Instant finishedAt, String status, String abortReason) {
}
