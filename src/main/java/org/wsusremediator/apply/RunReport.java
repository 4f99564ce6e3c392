package org.wsusremediator.apply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Approval;

/**
 * One run of a plan: what started it, who approved what, and every planned host's state at the end.
 *
 * @param trigger   "window NAME" or "apply --now"
 * @param startedBy the admin who ran apply --now, or the remediator for a window
 * @param deadline  when no new host may start (the window's end); null for apply --now
 * @param status    FINISHED, WINDOW_CLOSED (some hosts deferred), ABORTED, or SUPERSEDED (another run took the plan
 *                  over after this run's lease expired; this run stopped acting)
 * @param abortReason why the run stopped starting hosts; null unless ABORTED
 * @param retryOf   the run whose failed hosts this run retried; null for any other run
 */
@JsonPropertyOrder({"runId", "planId", "trigger", "retryOf", "startedBy", "startedAt", "finishedAt", "deadline", "status",
        "abortReason", "counts", "approvals", "hosts"})
public record RunReport(String runId, String planId, String trigger, String startedBy, Instant startedAt,
                        Instant finishedAt, Instant deadline, String status, String abortReason,
                        List<Approval> approvals, List<HostRun> hosts, String retryOf) {

    public RunReport {
        approvals = List.copyOf(approvals);
        hosts = List.copyOf(hosts);
    }

    /** The report of a run that retries no other run. */
    public RunReport(String runId, String planId, String trigger, String startedBy, Instant startedAt,
            Instant finishedAt, Instant deadline, String status, String abortReason, List<Approval> approvals,
            List<HostRun> hosts) {
        this(runId, planId, trigger, startedBy, startedAt, finishedAt, deadline, status, abortReason, approvals, hosts,
                null);
    }

    /** The same report with the status the run journal ended the run with. */
    public RunReport withStatus(String journaled) {
        return new RunReport(runId, planId, trigger, startedBy, startedAt, finishedAt, deadline, journaled, abortReason,
                approvals, hosts, retryOf);
    }

    /** Hosts per state, every state listed (zero too) so a reader sees what did not happen. */
    public Map<HostState, Long> getCounts() {
        Map<HostState, Long> counts = new EnumMap<>(HostState.class);
        for (HostState s : HostState.values()) {
            counts.put(s, 0L);
        }
        hosts.forEach(h -> counts.merge(h.state(), 1L, Long::sum));
        return counts;
    }
}
