package org.wsusremediator.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.HostClaims;
import org.wsusremediator.store.LeaseLostException;

/**
 * The owner's side of a shared wave (docs/cluster.md "Sharing a wave"): the wave's hosts are published for the live
 * nodes to claim ({@link WaveClaims}, this node among them), and the owner waits until every one is DONE, taking each
 * outcome into the run (report, wave success, failure budget) as it comes. It stops the hosts no node has claimed yet
 * when the run aborts (ABORTED) or the window ends (DEFERRED), and stops waiting when the run lost its plan. The wait
 * is bounded by the hosts' own visits: a claimed host ends with its visit's timeouts, and the claim of a node that
 * died is released once its check-in lapses and claimed again. A claim whose turn outlasts every bound of a turn
 * ({@link #turnBudget}) while its node lives is revoked: the host ends UNKNOWN, and that node can write nothing more.
 */
final class SharedWave {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration PROGRESS = Duration.ofSeconds(30);

    private SharedWave() {
    }

    /** Publishes {@code wave} and waits for it; false when it could not be published (the run lost its plan). */
    static boolean run(ApplyRun run, List<ApplyTarget> wave, WaveClaims node) throws InterruptedException {
        ApplyRequest request = run.request();
        String planId = request.plan().id();
        int number = wave.get(0).wave();
        Map<String, Integer> position = new HashMap<>();
        List<PlannedHost> planned = request.plan().hosts();
        for (int i = 0; i < planned.size(); i++) {
            position.put(planned.get(i).host(), i);
        }
        Map<String, ApplyTarget> targets = new HashMap<>();
        wave.forEach(t -> targets.put(t.host(), t));
        HostClaims claims = node.store().claims();
        try {
            claims.publish(run.runId(), planId, number, wave.stream().map(t -> new HostClaims.WaveHost(t.host(),
                    t.entry().group(), position.get(t.host()), t.previous() == null ? null : t.previous().name())).toList(),
                    request.rollout().perGroup());
        } catch (LeaseLostException lost) {
            run.superseded(lost);
            return false;
        }
        node.say("run " + run.runId() + " wave " + number + ": " + wave.size() + " host(s) shared with the cluster's nodes");
        Set<String> counted = new HashSet<>();
        boolean abortShared = false;
        Instant nextProgress = Instant.now().plus(PROGRESS);
        while (true) {
            if (run.lost()) {
                for (ApplyTarget t : wave) {
                    if (counted.add(t.host())) {
                        run.notStartedSuperseded(t, "not settled by this run: ");
                    }
                }
                return true;
            }
            Instant deadline = request.deadline();
            if (run.abortReason() != null) {
                if (!abortShared) {
                    claims.abort(run.runId(), run.abortReason()); // hosts claimed already: no restart after this
                    abortShared = true;
                }
                String why = "not started: " + run.abortReason();
                close(run, claims.closePending(run.runId(), number, HostState.ABORTED.name(), why), targets, counted,
                        HostState.ABORTED, why);
            } else if (deadline != null && !Instant.now().isBefore(deadline)) {
                String why = "not started: the change window ended at " + deadline + "; the next window picks it up";
                close(run, claims.closePending(run.runId(), number, HostState.DEFERRED.name(), why), targets, counted,
                        HostState.DEFERRED, why);
            }
            List<HostClaims.WaveRow> rows = claims.wave(run.runId(), number);
            Map<String, Integer> byNode = new TreeMap<>();
            int done = 0;
            for (HostClaims.WaveRow row : rows) {
                if (row.state().equals("CLAIMED")) {
                    revokeIfOverdue(run, node, targets.get(row.host()), row);
                }
                if (!row.state().equals("DONE")) {
                    continue;
                }
                done++;
                if (row.node() != null) {
                    byNode.merge(row.node(), 1, Integer::sum);
                }
                ApplyTarget target = targets.get(row.host());
                if (target != null && counted.add(row.host())) {
                    HostState state = HostState.valueOf(row.outcome());
                    boolean started = state != HostState.DEFERRED && state != HostState.ABORTED
                            && state != HostState.DRIFTED && state != HostState.SUPERSEDED;
                    run.settledElsewhere(target, state, row.detail() + (row.node() == null ? "" : " (on node "
                            + row.node() + ")"), row.irreversible(), row.claimedAt(), row.doneAt(), started);
                }
            }
            if (done == rows.size()) {
                node.say("run " + run.runId() + " wave " + number + ": all " + done + " host(s) settled, by node: " + byNode);
                return true;
            }
            if (Instant.now().isAfter(nextProgress)) {
                nextProgress = Instant.now().plus(PROGRESS);
                node.say("run " + run.runId() + " wave " + number + ": " + done + " of " + rows.size()
                        + " host(s) settled, by node: " + byNode);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * The longest a claimed host's turn can take on a live node: its visits (probe, change, verify, the health check),
     * the install, and the restart with its delay, plus a minute for the journal. Past it the turn is not ending
     * (a node that lives but no longer works the host), and the owner stops waiting for it.
     */
    static Duration turnBudget(ApplyTarget target, RemediationSettings settings) {
        return target.entry().timeouts().visit().multipliedBy(4).plus(settings.installTimeout())
                .plus(settings.restartDelay()).plus(settings.restartTimeout()).plus(Duration.ofMinutes(1));
    }

    /** Revokes the claim on {@code row}'s host when its turn outlasted {@link #turnBudget}; the next poll sees it DONE. */
    private static void revokeIfOverdue(ApplyRun run, WaveClaims node, ApplyTarget target, HostClaims.WaveRow row) {
        if (target == null || row.claimedAt() == null) {
            return;
        }
        Duration budget = turnBudget(target, run.request().inventory().remediation());
        if (Instant.now().isBefore(row.claimedAt().plus(budget))) {
            return;
        }
        String detail = "claimed by node " + row.node() + " at " + row.claimedAt() + " and not settled within " + budget
                + " (every bound of a host's turn): the claim was revoked, so that node changes nothing more; the host"
                + " may have been changed: the next run decides it from its facts";
        if (node.store().claims().revoke(run.request().plan().id(), run.runId(), row.host(), row.node(), row.claimSeq(), detail)) {
            node.say("run " + run.runId() + ": " + row.host() + " " + detail);
        }
    }

    /** Hosts the owner closed before any node claimed them: journaled by the owner, counted as not started. */
    private static void close(ApplyRun run, List<String> hosts, Map<String, ApplyTarget> targets, Set<String> counted,
            HostState state, String why) {
        for (String host : hosts) {
            ApplyTarget target = targets.get(host);
            if (target != null && counted.add(host)) {
                run.notContacted(target, state, why);
            }
        }
    }
}
