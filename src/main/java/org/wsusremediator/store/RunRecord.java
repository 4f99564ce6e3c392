package org.wsusremediator.store;

import java.time.Instant;

/**
 * One run of a plan as journaled.
 *
 * @param cause    "window NAME" or "apply --now"
 * @param deadline when no new host may start; null without a window
 * @param status   RUNNING, FINISHED, WINDOW_CLOSED, ABORTED, INTERRUPTED (found dead by a later run) or SUPERSEDED
 *                 (found alive after all, stopped on learning it had been taken over)
 * @param fence    the plan's run number (null for runs journaled before fencing)
 * @param lease    how long the run's heartbeat stays valid, as the run declared it (null before fencing)
 * @param retryOf  the run whose failed hosts this run retries (POST /api/v1/runs/{id}/retry); null otherwise
 * @param node     the node (process) that runs it, as {@link NodeIdentity#instanceId()}; null for runs journaled before
 *                 migration V13
 */
public record RunRecord(String id, String planId, String cause, String startedBy, Instant startedAt, Instant deadline,
                        Instant heartbeatAt, Instant finishedAt, String status, String abortReason, Long fence,
                        java.time.Duration lease, String retryOf, String node) {
}
